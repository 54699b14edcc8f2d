import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * Picks an option of an antd Select and checks that the choice took (a click that lands while the dropdown is still
 * animating in is retried).
 */
export async function pickOption(page: Page, select: Locator, option: string) {
  for (let attempt = 0; attempt < 3; attempt++) {
    await select.click();
    const entry = page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first();
    await entry.waitFor();
    await entry.click();
    try {
      await expect.poll(() => select.textContent(), { timeout: 2_000 }).toContain(option);
      return;
    } catch {
      await page.keyboard.press('Escape');
    }
  }
  throw new Error(`could not pick ${option}`);
}

/** The input of the form item with this label inside the open modal. */
export const modalField = (page: Page, label: string) =>
  page.locator('.ant-modal .ant-form-item', { has: page.locator(`label:text-is("${label}")`) }).locator('input');

/** Types a date into an antd DatePicker and confirms it, as a keyboard user would. */
export async function typeDate(input: Locator, date: string) {
  await input.click();
  await input.fill(date);
  await input.press('Enter');
}
