import fs from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

/** Debian's Chromium: no browser download is possible here, so Playwright drives the system one. */
export const chromiumPath = () => process.env.HUZHU_CHROMIUM ?? '/usr/bin/chromium';

export const artifactsDir = path.resolve(import.meta.dirname, '..', 'artifacts');

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** A fresh browser profile (no cookies, no stored language) sized like an office monitor. */
export async function newConsoleContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  // A stuck step should fail at that step, well inside the test's own timeout, so the report names it.
  context.setDefaultTimeout(15_000);
  return context;
}

/** Saves a full-page screenshot as e2e/artifacts/<name>.png once the page has settled. */
export async function screenshot(page: Page, name: string) {
  fs.mkdirSync(artifactsDir, { recursive: true });
  await page.waitForLoadState('networkidle');
  // antd animates tables and modals in; a settled frame makes the picture (and a reviewer's eye) trustworthy.
  await page.waitForTimeout(400);
  // The header is sticky: from the top, a full-page picture shows it where the user sees it.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(artifactsDir, `${name}.png`), fullPage: true });
}

/** Collects uncaught page errors so a spec can assert the console ran clean. */
export function watchPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}
