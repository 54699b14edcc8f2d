import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, inject } from 'vitest';
import { launchChromium, newConsoleContext, screenshot } from './chromium.ts';

export const env = {
  baseUrl: inject('baseUrl'),
  password: inject('password'),
  skipReason: inject('skipReason'),
};

/** True when global setup found no browser (outside CI); every spec's describe is skipped with that reason. */
export const skipTier = env.skipReason !== '';

/** One Chromium per spec file; each test opens fresh contexts (separate cookie jars) through `open()`. */
export function useBrowser() {
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterEach(async ({ task }) => {
    const open = contexts.splice(0);
    if (task.result?.state === 'fail') {
      // The screen at the moment of failure says more than a timeout message.
      const pages = open.flatMap((c) => c.pages());
      const slug = task.name.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 60);
      await Promise.all(pages.map((p, i) => screenshot(p, `failed-${slug}-${i}`).catch(() => undefined)));
    }
    await Promise.all(open.map((c) => c.close()));
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    async open(): Promise<Page> {
      if (!browser) throw new Error('browser not started');
      const context = await newConsoleContext(browser);
      contexts.push(context);
      return context.newPage();
    },
  };
}
