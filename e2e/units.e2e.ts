import type { Agency, Unit } from '@huzhu/core';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot } from './support/chromium.ts';
import { apiOf, json, type PageOf, signIn } from './support/session.ts';
import { env, skipTier, useBrowser } from './support/suite.ts';

/** The 代办处 column of every row in the units table (column 4). */
async function agencyColumn(page: Page): Promise<string[]> {
  await page.locator('.ant-table-row').first().waitFor();
  return page.locator('.ant-table-row td:nth-child(4)').allTextContents();
}

describe.skipIf(skipTier)('units', () => {
  const browser = useBrowser();

  it('jiangbei (江北区 agency staff) sees only 江北区 units, in the table and in the API', async () => {
    const page = await browser.open();
    const session = await signIn(page, env.baseUrl, 'jiangbei', env.password);
    const api = apiOf(page, env.baseUrl);
    const stored = await json<PageOf<Unit>>(await api.get('/units?pageSize=500'));
    expect(stored.total).toBeGreaterThan(0);
    expect(new Set(stored.items.map((u) => u.agencyId))).toEqual(new Set([session.user.orgId]));
    expect(new Set(stored.items.map((u) => u.agencyName))).toEqual(new Set(['江北区']));

    await page.goto(`${env.baseUrl}/units?pageSize=100`);
    const agencies = await agencyColumn(page);
    expect(agencies.length).toBe(Math.min(100, stored.total));
    expect(new Set(agencies)).toEqual(new Set(['江北区']));
    await expect.poll(() => page.getByText(`共 ${stored.total} 条`).count()).toBe(1);
    await screenshot(page, 'units-jiangbei');
  });

  it('admin filters the units by the 万州区 agency through the agency select', async () => {
    const page = await browser.open();
    await signIn(page, env.baseUrl, 'admin', env.password);
    const api = apiOf(page, env.baseUrl);
    const wanzhou = (await json<{ items: Agency[] }>(await api.get('/agencies'))).items.find(
      (a) => a.name === '万州区',
    );
    expect(wanzhou).toBeDefined();
    const stored = await json<PageOf<Unit>>(await api.get(`/units?agencyId=${wanzhou!.id}&pageSize=1`));
    expect(stored.total).toBeGreaterThan(0);

    await page.goto(`${env.baseUrl}/units`);
    // Before filtering the office-wide list spans several agencies.
    expect(new Set(await agencyColumn(page)).size).toBeGreaterThan(1);
    await page.getByTestId('filter-agency').click();
    await page.keyboard.type('万州');
    await page.locator('.ant-select-item-option', { hasText: '万州区' }).click();
    await page.waitForURL(new RegExp(`agencyId=${wanzhou!.id}`));
    await expect.poll(async () => [...new Set(await agencyColumn(page))]).toEqual(['万州区']);
    await expect.poll(() => page.getByText(`共 ${stored.total} 条`).count()).toBe(1);
    await screenshot(page, 'units-filter-wanzhou');

    // A row opens the unit's detail page.
    const first = (await page.locator('.ant-table-row td:nth-child(1)').first().textContent()) ?? '';
    await page.locator('.ant-table-row').first().click();
    await page.waitForURL(/\/units\/[^/?]+$/);
    await expect.poll(() => page.getByTestId('unit-name').textContent()).toBe(first);
    await screenshot(page, 'unit-detail');
  });
});
