import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { pickOption, typeDate } from './support/antd.ts';
import { screenshot, watchPageErrors } from './support/chromium.ts';
import { enrolInMed, tinyPdf, tinyPng } from './support/claims-setup.ts';
import { chinaToday } from './support/roster.ts';
import { apiOf, json, signIn } from './support/session.ts';
import { env, skipTier, useBrowser } from './support/suite.ts';

interface ClaimView {
  id: string;
  status: string;
  assessedAmountFen: number;
  approvedAmountFen: number | null;
  missingSlots: number[];
  materials: { slot: number; mimeType: string }[];
  assessments: { productCode: string; payable: boolean; amountFen: number; lines: string[] }[];
}

const formField = (page: Page, label: string) =>
  page.locator('.ant-form-item', { has: page.locator(`label:text-is("${label}")`) });

describe.skipIf(skipTier)('claims', () => {
  const browser = useBrowser();

  it('unit1 files an accident claim with 3 materials; 江北区 accepts; the reviewer approves; finance pays it', async () => {
    const name = '冉光荣';
    const { unitPage: page, api, memberId, policy } = await enrolInMed(browser.open, name, '19850616');
    const errors = watchPageErrors(page);
    const invoice = `E2E${Date.now()}`;

    // unit1 files the claim from the work queue: only the facts an accident-medical claim needs are asked for.
    await page.goto(`${env.baseUrl}/claims`);
    await page.getByTestId('new-claim').click();
    await page.waitForURL(/\/claims\/new/);
    await page.getByTestId('claim-member').locator('input').fill(name);
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: name }).first().click();
    await page.getByTestId('claim-member-facts').waitFor();
    await expect.poll(() => page.getByTestId('claim-member-facts').textContent()).toContain('住院医疗');
    await pickOption(page, page.getByTestId('claim-kind'), '意外医疗');
    expect(await formField(page, '入院日期').count()).toBe(0);
    expect(await formField(page, '疾病').count()).toBe(0);
    await typeDate(formField(page, '出险日期').locator('input'), chinaToday());
    await formField(page, '医疗费用总额（元）').locator('input').fill('1200');
    await formField(page, '个人自付（元）').locator('input').fill('1000');
    const invoices = page.getByTestId('claim-invoices').locator('input');
    await invoices.fill(invoice);
    await invoices.press('Enter');
    await formField(page, '就诊医院').locator('input').fill('重庆医科大学附属第一医院');
    await screenshot(page, 'claim-new');
    await page.getByTestId('claim-submit').click();
    await page.waitForURL(/\/claims\/(?!new)[^/?]+$/);
    const claimId = page.url().split('/').pop()!;

    // The engine's verdict right away: 30 % of ¥1,000 self-paid on the MED policy; three slots to fill.
    const assessment = page.getByTestId('claim-assessment').filter({ hasText: policy.productName });
    await expect.poll(() => assessment.getByTestId('assessment-amount').textContent()).toBe('可给付 ¥300.00');
    expect(await page.getByTestId('claim-status').first().textContent()).toBe('已提交');
    const filed = await json<ClaimView>(await api.get(`/claims/${claimId}`));
    expect(filed).toMatchObject({ status: 'submitted', assessedAmountFen: 30_000, missingSlots: [1, 2, 3] });

    const files = [
      { slot: 1, name: '身份证及银行卡.png', mimeType: 'image/png', buffer: tinyPng },
      { slot: 2, name: '门诊病历.pdf', mimeType: 'application/pdf', buffer: tinyPdf },
      { slot: 3, name: '发票及结算单.pdf', mimeType: 'application/pdf', buffer: tinyPdf },
    ];
    for (const f of files) {
      const slot = page.getByTestId(`slot-${f.slot}`);
      await slot.locator('input[type=file]').setInputFiles({ name: f.name, mimeType: f.mimeType, buffer: f.buffer });
      await expect.poll(() => slot.getByTestId('material-link').textContent()).toBe(f.name);
    }
    await screenshot(page, 'claim-filed');
    const uploaded = await json<ClaimView>(await api.get(`/claims/${claimId}`));
    expect(uploaded.missingSlots).toEqual([]);
    expect(uploaded.materials.map((m) => [m.slot, m.mimeType])).toEqual([
      [1, 'image/png'],
      [2, 'application/pdf'],
      [3, 'application/pdf'],
    ]);

    // 江北区 accepts it from its queue; the 5-working-day clock starts.
    const agencyPage = await browser.open();
    await signIn(agencyPage, env.baseUrl, 'jiangbei', env.password);
    await agencyPage.goto(`${env.baseUrl}/claims?status=submitted`);
    const row = agencyPage.getByTestId('claims-table').locator('.ant-table-row', { hasText: name });
    await row.first().waitFor();
    await screenshot(agencyPage, 'claims-queue');
    await row.first().click();
    await agencyPage.waitForURL(new RegExp(`/claims/${claimId}$`));
    await agencyPage.getByTestId('claim-accept').click();
    await agencyPage
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /确\s*定/ })
      .click();
    await expect.poll(() => agencyPage.getByTestId('claim-status').first().textContent()).toBe('已受理');
    const accepted = await json<ClaimView & { dueDate: string }>(await api.get(`/claims/${claimId}`));
    expect(accepted.status).toBe('accepted');
    expect(accepted.dueDate > chinaToday()).toBe(true);

    // The reviewer sees the explanation beside the facts and approves the assessed amount.
    const reviewerPage = await browser.open();
    await signIn(reviewerPage, env.baseUrl, 'reviewer', env.password);
    await reviewerPage.goto(`${env.baseUrl}/claims/${claimId}`);
    const lines = reviewerPage.getByTestId('assessment-lines').first();
    await lines.waitFor();
    expect((await lines.locator('li').count()) > 0).toBe(true);
    expect(await lines.textContent()).toContain('30');
    expect(await reviewerPage.getByTestId('claim-facts').textContent()).toContain(invoice);
    await screenshot(reviewerPage, 'claim-workbench');
    await reviewerPage.getByTestId('claim-decide').click();
    await expect.poll(() => reviewerPage.getByTestId('decision-amount').inputValue()).toBe('300.00');
    await screenshot(reviewerPage, 'claim-decision');
    await reviewerPage
      .locator('.ant-modal-footer')
      .getByRole('button', { name: /确\s*定/ })
      .click();
    await expect.poll(() => reviewerPage.getByTestId('claim-status').first().textContent()).toBe('已核准');
    expect(await json<ClaimView>(await api.get(`/claims/${claimId}`))).toMatchObject({
      status: 'approved',
      approvedAmountFen: 30_000,
    });

    // Finance batches this claim, exports the bank file, and records the bank's answer: paid.
    const financePage = await browser.open();
    await signIn(financePage, env.baseUrl, 'finance', env.password);
    await financePage.goto(`${env.baseUrl}/payouts`);
    const payable = financePage.getByTestId('payable-claims').locator('.ant-table-row', { hasText: name });
    await payable.first().waitFor();
    await payable.first().locator('.ant-checkbox-input').check();
    await screenshot(financePage, 'payouts');
    await financePage.getByTestId('create-payout').click();
    await financePage.waitForURL(/\/payouts\/[^/?]+$/);
    const items = financePage.getByTestId('payout-items').locator('.ant-table-row');
    await expect.poll(() => items.count()).toBe(1);
    const itemText = (await items.first().textContent()) ?? '';
    expect(itemText).toContain(name);
    expect(itemText).toContain('¥300.00');
    expect(itemText).not.toContain('6222020200112233445');
    const [xlsx] = await Promise.all([
      financePage.waitForEvent('download'),
      financePage.getByTestId('export-xlsx').click(),
    ]);
    expect(
      fs
        .readFileSync((await xlsx.path())!)
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
    // A bank file without the required columns is refused whole, and the upload dialog says why.
    await financePage.getByTestId('upload-results').click();
    await financePage
      .locator('.ant-modal input[type=file]')
      .setInputFiles({ name: '回单.csv', mimeType: 'text/csv', buffer: Buffer.from('姓名,金额\n冉光荣,300\n') });
    const refused = financePage.getByTestId('upload-results-error');
    await refused.waitFor();
    expect(await refused.textContent()).toContain('业务参考号');
    await financePage
      .locator('.ant-modal-footer')
      .getByRole('button', { name: /关\s*闭/ })
      .click();
    await refused.waitFor({ state: 'detached' });
    await financePage.getByTestId('mark-all-paid').click();
    await financePage
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /确\s*定/ })
      .click();
    await expect.poll(() => items.first().getByTestId('item-status').textContent()).toBe('支付成功');
    await screenshot(financePage, 'payout-batch');

    // The member was texted at acceptance, approval and payment: the office admin's SMS list shows the three,
    // linked to the claim; with no provider configured they are recorded only, and none failed.
    const adminPage = await browser.open();
    await signIn(adminPage, env.baseUrl, 'admin', env.password);
    await adminPage.goto(`${env.baseUrl}/sms-outbox`);
    const texts = adminPage.locator('.ant-table-row', { has: adminPage.locator(`a[href="/claims/${claimId}"]`) });
    await expect.poll(() => texts.count()).toBe(3);
    const listed = (await texts.allTextContents()).join('\n');
    for (const kind of ['申领受理', '申领核准', '已支付']) expect(listed).toContain(kind);
    expect(listed).toContain('仅记录（未接服务商）');
    await screenshot(adminPage, 'sms-outbox');
    await adminPage.goto(`${env.baseUrl}/sms-outbox?status=failed`);
    await adminPage.locator('.ant-table-placeholder, .ant-table-row').first().waitFor();
    expect(await texts.count()).toBe(0);

    // The unit sees its member's claim paid.
    await page.goto(`${env.baseUrl}/claims/${claimId}`);
    await expect.poll(() => page.getByTestId('claim-status').first().textContent()).toBe('已支付');
    await screenshot(page, 'claim-paid');
    expect((await json<ClaimView>(await api.get(`/claims/${claimId}`))).status).toBe('paid');
    const mine = await json<{ items: { id: string; status: string }[] }>(
      await apiOf(page, env.baseUrl).get(`/claims?memberId=${memberId}`),
    );
    expect(mine.items.find((c) => c.id === claimId)?.status).toBe('paid');

    // The same page in English: statuses, kinds and headings from the English dictionary.
    await page.evaluate(() => localStorage.setItem('huzhu.locale', 'en'));
    await page.reload();
    await expect.poll(() => page.getByTestId('claim-status').first().textContent()).toBe('Paid');
    expect(await page.getByTestId('claim-title').textContent()).toBe(`${name} · Accident medical`);
    await screenshot(page, 'claim-paid-en');
    expect(errors).toEqual([]);
  });
  it('acceptance names the missing material; a duplicate invoice needs the reviewer override; a failed payout is reissued', async () => {
    const name = '谭晓峰';
    const { unitPage, api, memberId } = await enrolInMed(browser.open, name, '19800909');
    // The member's page offers a new claim for that member.
    await unitPage.goto(`${env.baseUrl}/members/${memberId}`);
    await unitPage.getByTestId('member-new-claim').click();
    await unitPage.waitForURL(/\/claims\/new\?memberId=/);
    await expect.poll(() => unitPage.getByTestId('claim-member-facts').textContent()).toContain(name);
    expect(await unitPage.getByTestId('claim-member').textContent()).toContain(name);
    const invoice = `DUP${Date.now()}`;
    const facts = {
      memberId,
      kind: 'accident_medical',
      cause: 'accident',
      eventDate: chinaToday(),
      totalExpensesFen: 80_000,
      selfPaidFen: 60_000,
      invoiceNumbers: [invoice],
    };
    const upload = (claimId: string, slot: number) =>
      api.upload(`/claims/${claimId}/materials`, {
        slot: String(slot),
        file: { name: `材料${slot}.png`, mimeType: 'image/png', buffer: tinyPng },
      });
    const first = await json<ClaimView>(await api.post('/claims', facts));
    const claim = await json<ClaimView & { flags: { code: string }[] }>(await api.post('/claims', facts));
    expect(first.id).not.toBe(claim.id);
    expect(claim.flags.map((f) => f.code)).toContain('DUPLICATE_INVOICE');
    for (const slot of [1, 2]) expect((await upload(claim.id, slot)).status()).toBe(201);

    // 江北区 tries to accept: refused, and the page names the missing expense proof.
    const agencyPage = await browser.open();
    await signIn(agencyPage, env.baseUrl, 'jiangbei', env.password);
    await agencyPage.goto(`${env.baseUrl}/claims/${claim.id}`);
    await agencyPage.getByTestId('claim-accept').click();
    await agencyPage
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /确\s*定/ })
      .click();
    const refusal = agencyPage.getByTestId('claim-refusal');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('3. 费用凭证（发票及医保结算单）');
    await screenshot(agencyPage, 'claim-materials-incomplete');
    expect((await json<ClaimView>(await api.get(`/claims/${claim.id}`))).status).toBe('submitted');
    expect((await upload(claim.id, 3)).status()).toBe(201);
    await agencyPage.reload();
    await agencyPage.getByTestId('claim-accept').click();
    await agencyPage
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /确\s*定/ })
      .click();
    await expect.poll(() => agencyPage.getByTestId('claim-status').first().textContent()).toBe('已受理');

    // The reviewer: approving without the override is refused; with it and a reason, approved.
    const reviewerPage = await browser.open();
    await signIn(reviewerPage, env.baseUrl, 'reviewer', env.password);
    await reviewerPage.goto(`${env.baseUrl}/claims/${claim.id}`);
    await expect.poll(() => reviewerPage.getByTestId('claim-flag').allTextContents()).toContain('发票重复');
    await reviewerPage.getByTestId('claim-decide').click();
    await reviewerPage
      .locator('.ant-modal-footer')
      .getByRole('button', { name: /确\s*定/ })
      .click();
    await expect.poll(() => reviewerPage.getByTestId('decision-error').textContent()).toContain('发票');
    await reviewerPage.getByTestId('decision-override').check();
    await reviewerPage.getByTestId('decision-reason').fill('已核对原件，首笔申领为误报，不会重复给付');
    await screenshot(reviewerPage, 'claim-override');
    await reviewerPage
      .locator('.ant-modal-footer')
      .getByRole('button', { name: /确\s*定/ })
      .click();
    await expect.poll(() => reviewerPage.getByTestId('claim-status').first().textContent()).toBe('已核准');

    // Finance: the transfer fails, is reissued in a new batch, and is paid there — once.
    const financePage = await browser.open();
    await signIn(financePage, env.baseUrl, 'finance', env.password);
    await financePage.goto(`${env.baseUrl}/payouts`);
    const payable = financePage.getByTestId('payable-claims').locator('.ant-table-row', { hasText: name });
    await payable.first().locator('.ant-checkbox-input').check();
    await financePage.getByTestId('create-payout').click();
    await financePage.waitForURL(/\/payouts\/[^/?]+$/);
    const firstBatch = financePage.url();
    const item = financePage.getByTestId('payout-items').locator('.ant-table-row').first();
    await item.getByRole('button', { name: '支付失败' }).click();
    await financePage.locator('.ant-modal input').fill('户名与账号不符');
    await financePage.locator('.ant-modal-footer').getByRole('button', { name: '支付失败' }).click();
    await expect.poll(() => item.getByTestId('item-status').textContent()).toBe('支付失败');
    expect((await json<ClaimView>(await api.get(`/claims/${claim.id}`))).status).toBe('payout_failed');
    await financePage.getByTestId('reissue').click();
    await financePage.waitForURL((url) => url.toString() !== firstBatch && /\/payouts\/[^/?]+$/.test(url.pathname));
    const reissued = financePage.getByTestId('payout-items').locator('.ant-table-row').first();
    await expect.poll(() => reissued.textContent()).toContain(name);
    await reissued.getByTestId('item-paid').click();
    await expect.poll(() => reissued.getByTestId('item-status').textContent()).toBe('支付成功');
    expect((await json<ClaimView>(await api.get(`/claims/${claim.id}`))).status).toBe('paid');
  });
});
