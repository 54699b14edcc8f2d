import type { Page } from 'playwright-core';
import { screenshot } from './chromium.ts';

/** A console list's "共 N 条", as the server counted it. */
export const totalText = (page: Page) => page.locator('.ant-pagination-total-text').first().textContent();

/** A screenshot at the office monitor's width and at a phone's, then back to the monitor. */
export async function bothWidths(page: Page, name: string) {
  await page.setViewportSize({ width: 1440, height: 900 });
  await screenshot(page, `${name}-1440`);
  await page.setViewportSize({ width: 375, height: 812 });
  await screenshot(page, `${name}-375`);
  await page.setViewportSize({ width: 1440, height: 900 });
}

/** Types into the page's (first) list search box and submits it. */
export async function search(page: Page, text: string) {
  const box = page.locator('.filter-bar .ant-input-search input').first();
  await box.fill(text);
  await box.press('Enter');
}
