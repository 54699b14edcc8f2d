import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { pickOption, typeDate } from './support/antd.ts';
import { screenshot, watchPageErrors } from './support/chromium.ts';
import { enrolInMed, tinyPdf, tinyPng } from './support/claims-setup.ts';
import { chinaToday } from './support/roster.ts';
import { apiOf, json, signIn } from './support/session.ts';
import { env, skipTier, useBrowser } from './support/suite.ts';

interface ReliefView {
  id: string;
  status: string;
  amountFen: number;
  claims: { id: string; status: string; assessedAmountFen: number }[];
}

const formField = (page: Page, label: string) =>
  page.locator('.ant-form-item', { has: page.locator(`label:text-is("${label}")`) });

describe.skipIf(skipTier)('relief', () => {
  const browser = useBrowser();

  it('江北区 files an illness relief with a one-stop claim from three materials; the office approves both; one batch pays both', async () => {
    const name = '谭慰问';
    const { memberId } = await enrolInMed(browser.open, name, '19800312');
    const page = await browser.open();
    const errors = watchPageErrors(page);
    const agency = await signIn(page, env.baseUrl, 'jiangbei', env.password);
    const agencyApi = apiOf(page, env.baseUrl, agency.csrfToken);

    // The agency files it: member, category, the hospital stay (an accident, so no waiting period), the estimate.
    await page.goto(`${env.baseUrl}/relief`);
    await page.getByTestId('new-relief').click();
    await page.waitForURL(/\/relief\/new/);
    await page.getByTestId('claim-member').locator('input').fill(name);
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: name }).first().click();
    await pickOption(page, page.getByTestId('relief-category'), '疾病住院慰问');
    await typeDate(formField(page, '事件日期').locator('input'), chinaToday());
    await page.getByTestId('relief-reason').fill('意外受伤住院，个人自付较多');
    await page.locator('.ant-radio-wrapper', { hasText: '意外' }).first().click();
    await typeDate(formField(page, '入院日期').locator('input'), chinaToday());
    await typeDate(formField(page, '出院日期').locator('input'), chinaToday());
    await formField(page, '医疗费用总额（元）').locator('input').fill('20000');
    await formField(page, '个人自付（元）').locator('input').fill('12000');
    await formField(page, '就诊医院').locator('input').fill('重庆市急救医疗中心');
    await page.getByTestId('relief-estimate').click();
    const estimate = page.getByTestId('relief-estimate-table');
    await estimate.waitFor();
    await expect.poll(() => estimate.textContent()).toContain('¥');
    await screenshot(page, 'relief-new');
    await page.getByTestId('relief-submit').click();
    await page.waitForURL(/\/relief\/(?!new)[^/?]+$/);
    const reliefId = page.url().split('/').pop()!;
    const filed = await json<ReliefView>(await agencyApi.get(`/relief/${reliefId}`));
    expect(filed).toMatchObject({ status: 'applied', amountFen: 100_000 });
    expect(filed.claims).toHaveLength(1);
    const claimId = filed.claims[0]!.id;

    // Three materials, uploaded once on the application: the claim gets them too.
    const papers = [
      { slot: 1, name: '身份证及银行卡.png', mimeType: 'image/png', buffer: tinyPng },
      { slot: 2, name: '出院小结.pdf', mimeType: 'application/pdf', buffer: tinyPdf },
      { slot: 3, name: '发票及结算单.pdf', mimeType: 'application/pdf', buffer: tinyPdf },
    ];
    for (const f of papers) {
      const slot = page.getByTestId(`relief-slot-${f.slot}`);
      await slot.locator('input[type=file]').setInputFiles({ name: f.name, mimeType: f.mimeType, buffer: f.buffer });
      await expect.poll(() => slot.textContent()).toContain(f.name);
    }
    await screenshot(page, 'relief-detail');
    const claim = await json<{ missingSlots: number[] }>(await agencyApi.get(`/claims/${claimId}`));
    expect(claim.missingSlots).toEqual([]);
    await json(await agencyApi.post(`/claims/${claimId}/accept`));

    // The office: the admin reviews the relief (the agency filed it), the reviewer decides the claim and the relief.
    const adminPage = await browser.open();
    await signIn(adminPage, env.baseUrl, 'admin', env.password);
    await adminPage.goto(`${env.baseUrl}/relief/${reliefId}`);
    await adminPage.getByTestId('relief-review').click();
    await expect.poll(() => adminPage.getByTestId('relief-status').first().textContent()).toBe('代办处已审核');
    const reviewerPage = await browser.open();
    const reviewer = await signIn(reviewerPage, env.baseUrl, 'reviewer', env.password);
    await json(
      await apiOf(reviewerPage, env.baseUrl, reviewer.csrfToken).post(`/claims/${claimId}/decision`, {
        decision: 'approve',
      }),
    );
    await reviewerPage.goto(`${env.baseUrl}/relief/${reliefId}`);
    await reviewerPage.getByTestId('relief-approve').click();
    await expect.poll(() => reviewerPage.getByTestId('relief-status').first().textContent()).toBe('已核准');

    // Finance: both in one batch, paid once.
    const financePage = await browser.open();
    await signIn(financePage, env.baseUrl, 'finance', env.password);
    await financePage.goto(`${env.baseUrl}/payouts`);
    const claimRow = financePage.getByTestId('payable-claims').locator('.ant-table-row', { hasText: name });
    const reliefRow = financePage.getByTestId('payable-relief').locator('.ant-table-row', { hasText: name });
    await claimRow.first().waitFor();
    await reliefRow.first().waitFor();
    await claimRow.first().locator('.ant-checkbox-input').check();
    await reliefRow.first().locator('.ant-checkbox-input').check();
    await financePage.getByTestId('create-payout').click();
    await financePage.waitForURL(/\/payouts\/[^/?]+$/);
    const items = financePage.getByTestId('payout-items').locator('.ant-table-row');
    await expect.poll(() => items.count()).toBe(2);
    await financePage.getByTestId('mark-all-paid').click();
    await financePage
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /确\s*定/ })
      .click();
    await expect.poll(() => items.first().getByTestId('item-status').textContent()).toBe('支付成功');
    await screenshot(financePage, 'relief-payout');

    const paid = await json<ReliefView>(await agencyApi.get(`/relief/${reliefId}`));
    expect(paid.status).toBe('paid');
    expect(paid.claims[0]!.status).toBe('paid');
    const list = await json<{ items: { id: string }[] }>(await agencyApi.get(`/relief?memberId=${memberId}`));
    expect(list.items.map((r) => r.id)).toContain(reliefId);
    expect(errors).toEqual([]);
  }, 240_000);
});
