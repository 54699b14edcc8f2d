import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { pickOption, typeDate } from './support/antd.ts';
import { screenshot, watchPageErrors } from './support/chromium.ts';
import { enrolInMed, tinyPdf, tinyPng } from './support/claims-setup.ts';
import { chinaToday, idNumber, rosterXlsx, serialOfRun, XLSX_MIME } from './support/roster.ts';
import { maskMobile, type SmsOutboxPageView } from '@huzhu/core';
import { apiOf, json, menuEntries, signIn } from './support/session.ts';
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
    // The estimate is the claim's benefit (互助金), not the relief; the policy term stays on one line.
    const heads = await estimate.locator('thead th').allTextContents();
    expect(heads).toContain('预估互助金');
    expect(heads).not.toContain('救助金额');
    const term = estimate.getByTestId('estimate-term').first();
    expect(await term.textContent()).toMatch(/^\d{4}-\d{2}-\d{2}～\d{4}-\d{2}-\d{2}$/);
    expect((await term.boundingBox())!.height).toBeLessThan(30);
    await screenshot(page, 'relief-new');
    await page.setViewportSize({ width: 375, height: 812 });
    expect((await term.boundingBox())!.height).toBeLessThan(30);
    await screenshot(page, 'relief-new-375');
    await page.setViewportSize({ width: 1440, height: 900 });
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

    // The member app (375 px) shows both: the relief paid, and the one-stop claim paid with it.
    const admin = await signIn(adminPage, env.baseUrl, 'admin', env.password);
    const adminApi = apiOf(adminPage, env.baseUrl, admin.csrfToken);
    const { idNumber } = await json<{ idNumber: string }>(await adminApi.post(`/members/${memberId}/reveal`, {}));
    const phone = await browser.open();
    await phone.setViewportSize({ width: 375, height: 812 });
    const phoneErrors = watchPageErrors(phone);
    await memberSignIn(phone, adminApi, name, idNumber);
    await phone.goto(`${env.baseUrl}/m/#claims`);
    // a fresh load: the app read the session before the real name was verified
    await phone.reload();
    const reliefCard = phone.getByTestId('member-relief').locator('.card', { hasText: '疾病住院慰问' });
    await reliefCard.waitFor();
    expect(await reliefCard.textContent()).toContain('已发放');
    expect(await reliefCard.textContent()).toContain('¥1,000.00');
    expect(await reliefCard.textContent()).toContain('1 笔互助金');
    const claimCard = phone.locator('.cards .card', { hasText: '住院申领' }).first();
    expect(await claimCard.textContent()).toContain('已支付');
    await screenshot(phone, 'relief-member-claims-375');
    await reliefCard.locator('button').click();
    await expect.poll(() => phone.getByTestId('relief-status').textContent()).toBe('已发放');
    const linked = phone.getByTestId('relief-claims');
    expect(await linked.textContent()).toContain('已支付');
    expect(await phone.locator('.adm-steps').textContent()).toContain('3445');
    await screenshot(phone, 'relief-member-detail-375');
    await linked.locator('button').first().click();
    await expect.poll(() => phone.getByTestId('claim-status').textContent()).toBe('已支付');
    expect(phoneErrors).toEqual([]);
  }, 300_000);

  it('the summary page (汇总) with its xlsx; the national viewer (总会) sees every office and the national totals', async () => {
    const page = await browser.open();
    await page.setViewportSize({ width: 1440, height: 900 });
    const errors = watchPageErrors(page);
    await signIn(page, env.baseUrl, 'admin', env.password);
    await page.goto(`${env.baseUrl}/`);
    await page.locator('.ant-menu-item', { hasText: /^汇总$/ }).click();
    await page.waitForURL(`${env.baseUrl}/reports/summary`);
    const figures = page.getByTestId('summary-figures');
    await figures.waitFor();
    const own = await json<{ reliefPaid: { count: number } }>(await apiOf(page, env.baseUrl).get('/reports/summary'));
    expect(await figures.textContent()).toContain(`${own.reliefPaid.count.toLocaleString()} 笔`);
    const xlsx = await page.request.get(`${env.baseUrl}/api/v1/reports/summary?format=xlsx`);
    expect(xlsx.status()).toBe(200);
    expect((await xlsx.body()).subarray(0, 2).toString()).toBe('PK');
    await screenshot(page, 'summary-1440');
    await page.setViewportSize({ width: 375, height: 812 });
    await screenshot(page, 'summary-375');

    const nv = await browser.open();
    await nv.setViewportSize({ width: 1440, height: 900 });
    const nvErrors = watchPageErrors(nv);
    await signIn(nv, env.baseUrl, 'national', env.password);
    await nv.goto(`${env.baseUrl}/`);
    expect(await menuEntries(nv)).toEqual(['工作台', '全国汇总']);
    await nv.locator('.ant-menu-item', { hasText: '全国汇总' }).click();
    await nv.waitForURL(`${env.baseUrl}/reports/national`);
    const offices = nv.getByTestId('summary-offices');
    await offices.locator('.ant-table-row').first().waitFor();
    const nat = await json<{ reliefPaid: { amountFen: number }; offices: { officeName: string }[] }>(
      await apiOf(nv, env.baseUrl).get('/reports/summary?scope=national'),
    );
    expect(nat.offices.length).toBeGreaterThanOrEqual(2);
    expect(await offices.locator('.ant-table-row').count()).toBe(nat.offices.length);
    for (const o of nat.offices) expect(await offices.textContent()).toContain(o.officeName);
    expect(await offices.locator('.ant-table-summary').textContent()).toContain('全国合计');
    expect((await nv.request.get(`${env.baseUrl}/api/v1/reports/summary?scope=national&format=xlsx`)).status()).toBe(
      200,
    );
    await screenshot(nv, 'summary-national-1440');
    await nv.setViewportSize({ width: 375, height: 812 });
    await screenshot(nv, 'summary-national-375');
    expect([...errors, ...nvErrors]).toEqual([]);
  }, 120_000);
});

describe.skipIf(skipTier)('relief: holiday batch from a list file', () => {
  const browser = useBrowser();

  it('the office uploads a holiday list: someone outside the office refuses it by row; the corrected list makes the batch', async () => {
    const name = '节日慰问测试';
    const { memberId } = await enrolInMed(browser.open, name, '19790815');
    const page = await browser.open();
    await page.setViewportSize({ width: 1440, height: 900 });
    const errors = watchPageErrors(page);
    const admin = await signIn(page, env.baseUrl, 'admin', env.password);
    const adminApi = apiOf(page, env.baseUrl, admin.csrfToken);
    const { idNumber: own } = await json<{ idNumber: string }>(await adminApi.post(`/members/${memberId}/reveal`, {}));
    const outsider = idNumber('19700101', serialOfRun(), 'female');
    const batchName = `${chinaToday().slice(0, 4)} 年节日慰问（名单）${Date.now() % 10_000}`;

    await page.goto(`${env.baseUrl}/relief-batches`);
    await page.getByTestId('relief-batch-new').click();
    const modal = page.locator('.ant-modal:visible');
    await modal.getByLabel('批次名称').fill(batchName);
    await modal.locator('.ant-radio-wrapper', { hasText: '名单文件' }).click();
    const pick = async (rows: (string | number)[][]) =>
      modal.locator('input[type=file]').setInputFiles({
        name: '节日慰问名单.xlsx',
        mimeType: XLSX_MIME,
        buffer: await rosterXlsx(rows),
      });
    await pick([
      [name, own, '13700137000', 1, '在职职工', '是'],
      ['外单位职工', outsider, '13700137001', 1, '在职职工', '是'],
    ]);
    await modal.getByRole('button', { name: /确\s*定/ }).click();
    const issues = page.getByTestId('relief-batch-issues');
    await issues.waitFor();
    expect(await page.getByTestId('relief-batch-error').textContent()).toContain('名单有 1 处错误，未创建批次');
    const issueRow = issues.locator('.ant-table-row').first();
    expect(await issueRow.textContent()).toContain('3');
    expect(await issueRow.textContent()).toContain('不是本办事处的会员');
    await screenshot(page, 'relief-batch-list-refused');
    const none = await json<{ items: { name: string }[] }>(await adminApi.get('/relief-batches?pageSize=100'));
    expect(none.items.map((b) => b.name)).not.toContain(batchName);

    await pick([[name, own, '13700137000', 1, '在职职工', '是']]);
    await modal.getByRole('button', { name: /确\s*定/ }).click();
    const row = page.locator('.ant-table-row', { hasText: batchName });
    await row.waitFor();
    expect(await row.textContent()).toContain('¥500.00');
    const batches = await json<{ items: { name: string; count: number; skipped: unknown[] }[] }>(
      await adminApi.get('/relief-batches?pageSize=100'),
    );
    expect(batches.items.find((b) => b.name === batchName)).toMatchObject({ count: 1, skipped: [] });
    await screenshot(page, 'relief-batches-1440');
    await page.setViewportSize({ width: 375, height: 812 });
    await screenshot(page, 'relief-batches-375');
    expect(errors).toEqual([]);
  }, 180_000);
});

/** Signs a member in to the member app through its API (SMS code from the office's SMS records, then real name). */
async function memberSignIn(page: Page, adminApi: ReturnType<typeof apiOf>, name: string, idNumber: string) {
  const url = (p: string) => `${env.baseUrl}/api/v1${p}`;
  const mobile = `138${String(Date.now()).slice(-8)}`;
  const sent = await page.request.post(url('/m/auth/sms-code'), { data: { mobile } });
  expect(sent.status(), await sent.text()).toBe(204);
  const outbox = await json<SmsOutboxPageView>(await adminApi.get('/sms-outbox?pageSize=50'));
  const text = outbox.items.find((m) => m.template === 'login_code' && m.toMasked === maskMobile(mobile))?.text ?? '';
  const code = /(\d{6})/.exec(text)?.[1];
  expect(code, text).toBeTruthy();
  const login = await json<{ csrfToken: string }>(
    await page.request.post(url('/m/auth/login'), { data: { mobile, code } }),
  );
  const headers = { 'x-csrf-token': login.csrfToken };
  const started = await json<{ verificationId: string }>(
    await page.request.post(url('/m/real-name'), { data: { name, idNumber }, headers }),
  );
  await page.goto(`${env.baseUrl}/m/`);
  const photo = await page.screenshot({ type: 'jpeg', quality: 80 });
  const face = await json<{ status: string }>(
    await page.request.post(url(`/m/real-name/${started.verificationId}/face`), {
      multipart: { photo: { name: 'face.jpg', mimeType: 'image/jpeg', buffer: photo } },
      headers,
    }),
  );
  expect(face.status).toBe('verified');
}
