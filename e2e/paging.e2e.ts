import { describe, expect, it } from 'vitest';
import { watchPageErrors } from './support/chromium.ts';
import { bothWidths, search, totalText } from './support/list-page.ts';
import { apiOf, json, type PageOf, signIn } from './support/session.ts';
import { env, skipTier, useBrowser } from './support/suite.ts';

describe.skipIf(skipTier)('every list pages on the server with its total and a search box', () => {
  const browser = useBrowser();

  it('agencies, API tokens, products and campaigns: the total is the server’s, search narrows it, at 1440 and 375 px', async () => {
    const page = await browser.open();
    const errors = watchPageErrors(page);
    const session = await signIn(page, env.baseUrl, 'admin', env.password);
    const api = apiOf(page, env.baseUrl, session.csrfToken);

    // 代办处: 20 a page, the total over all of them; 万州 finds the one.
    const agencies = await json<PageOf<{ name: string }>>(await api.get('/agencies?pageSize=1'));
    await page.goto(`${env.baseUrl}/agencies`);
    await page.locator('.ant-table-row').first().waitFor();
    await expect.poll(() => totalText(page)).toContain(String(agencies.total));
    await search(page, '万州');
    await page.waitForURL(/q=/);
    await expect.poll(() => totalText(page)).toContain('共 1 条');
    expect(await page.locator('.ant-table-row').first().textContent()).toContain('万州');
    await bothWidths(page, 'paging-agencies');

    // API 令牌: two made now; the search by name finds each, newest first.
    const stamp = Date.now() % 100_000;
    for (const name of [`分页甲${stamp}`, `分页乙${stamp}`])
      expect((await api.post('/api-tokens', { name, role: 'office_reviewer' })).status()).toBe(201);
    await page.goto(`${env.baseUrl}/api-tokens?q=${encodeURIComponent(`分页`)}`);
    await page.locator('.ant-table-row').first().waitFor();
    const tokens = await json<PageOf<{ name: string }>>(await api.get(`/api-tokens?q=${encodeURIComponent('分页')}`));
    await expect.poll(() => totalText(page)).toContain(`共 ${tokens.total} 条`);
    expect(await page.locator('.ant-table-row').first().textContent()).toContain(`分页乙${stamp}`);
    await search(page, `分页甲${stamp}`);
    await expect.poll(() => totalText(page)).toContain('共 1 条');
    await bothWidths(page, 'paging-api-tokens');

    // 保障产品: searched on the server by code or name.
    await page.goto(`${env.baseUrl}/products`);
    await page.locator('.ant-table-row').first().waitFor();
    await search(page, 'CI_A');
    await page.waitForURL(/q=CI_A/);
    await expect.poll(() => page.locator('.ant-table-row').count()).toBe(1);
    await bothWidths(page, 'paging-products');

    // 专项行动: paged, with its search box.
    await page.goto(`${env.baseUrl}/reports/campaigns`);
    await page.getByTestId('campaigns-table').waitFor();
    await page.locator('.filter-bar .ant-input-search').first().waitFor();
    await bothWidths(page, 'paging-campaigns');
    expect(errors).toEqual([]);
  });

  it('a member’s policies and a payout batch’s transfers page on the server', async () => {
    const page = await browser.open();
    const errors = watchPageErrors(page);
    await signIn(page, env.baseUrl, 'admin', env.password);
    const api = apiOf(page, env.baseUrl);
    // A member with policies: the member page lists them with the server's total.
    const members = await json<PageOf<{ id: string }>>(await api.get('/members?pageSize=50'));
    let memberId = '';
    for (const m of members.items) {
      const policies = await json<PageOf<{ id: string }>>(await api.get(`/members/${m.id}/policies?pageSize=1`));
      if (policies.total > 0) {
        memberId = m.id;
        break;
      }
    }
    expect(memberId).not.toBe('');
    await page.goto(`${env.baseUrl}/members/${memberId}`);
    await page.getByTestId('member-policies').locator('.ant-table-row').first().waitFor();
    await bothWidths(page, 'paging-member-policies');

    // Finance: a batch's transfers, searched by a payee's name.
    const financePage = await browser.open();
    await signIn(financePage, env.baseUrl, 'finance', env.password);
    const finance = apiOf(financePage, env.baseUrl);
    const batches = await json<PageOf<{ id: string; itemCount: number }>>(await finance.get('/payout-batches'));
    const batch = batches.items.find((b) => b.itemCount > 0);
    if (batch) {
      const items = await json<PageOf<{ payeeName: string }>>(
        await finance.get(`/payout-batches/${batch.id}/items?pageSize=1`),
      );
      expect(items.total).toBe(batch.itemCount);
      await financePage.goto(`${env.baseUrl}/payouts/${batch.id}`);
      await financePage.getByTestId('payout-items').locator('.ant-table-row').first().waitFor();
      if (batch.itemCount > 20) await expect.poll(() => totalText(financePage)).toContain(String(batch.itemCount));
      await search(financePage, items.items[0]!.payeeName);
      await financePage.waitForURL(/q=/);
      await expect
        .poll(() => financePage.getByTestId('payout-items').locator('.ant-table-row').first().textContent())
        .toContain(items.items[0]!.payeeName);
      await bothWidths(financePage, 'paging-payout-items');
      // 支付批次 tab: the batch paying a claim is found by the claim's id.
      const paying = await json<PageOf<{ claimId: string }>>(await finance.get(`/payout-batches/${batch.id}/items`));
      await financePage.goto(`${env.baseUrl}/payouts?tab=batches&q=${paying.items[0]!.claimId}`);
      await financePage.getByTestId('payout-batches').locator('.ant-table-row').first().waitFor();
      await expect.poll(() => totalText(financePage)).toContain('共 1 条');
      await bothWidths(financePage, 'paging-payout-batches');
    }
    expect(errors).toEqual([]);
  });
});
