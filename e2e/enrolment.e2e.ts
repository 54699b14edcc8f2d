import { type Batch, creditCodeCheckChar, type Policy, type Unit } from '@huzhu/core';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { modalField, pickOption, typeDate } from './support/antd.ts';
import { screenshot, watchPageErrors } from './support/chromium.ts';
import {
  chinaToday,
  chinaYesterday,
  idNumber,
  rosterHeaders,
  rosterXlsx,
  serialOfRun,
  sheetRows,
  withWrongCheck,
  XLSX_MIME,
} from './support/roster.ts';
import { uploadRosterAsUnit1 } from './support/enrolment.ts';
import { apiOf, json, type PageOf, signIn } from './support/session.ts';
import { env, skipTier, useBrowser } from './support/suite.ts';

const CI_A = '在职职工重大疾病互助保障（A款）';

describe.skipIf(skipTier)('unit enrolment', () => {
  const browser = useBrowser();

  it('unit1 uploads a roster with errors, submits it; 江北区 approves; finance confirms the payment; cover starts', async () => {
    // unit1: template, roster with three bad rows, the row report, submit.
    const page = await browser.open();
    const errors = watchPageErrors(page);
    const session = await signIn(page, env.baseUrl, 'unit1', env.password);
    const api = apiOf(page, env.baseUrl, session.csrfToken);
    const unitId = session.user.orgId!;
    const unit = await json<Unit>(await api.get(`/units/${unitId}`));
    expect(unit.agencyName).toBe('江北区');

    await page.goto(`${env.baseUrl}/`);
    await page.locator('.ant-menu-item', { hasText: '单位参保' }).click();
    await page.waitForURL(/\/enrol$/);
    await expect.poll(() => page.locator('.page-header-title').textContent()).toContain(unit.name);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('roster-template').click()]);
    const template = fs.readFileSync((await download.path())!);
    expect(template.subarray(0, 2).toString()).toBe('PK');
    expect((await sheetRows(template))[0]).toEqual(rosterHeaders);

    const serial = serialOfRun();
    const yan = idNumber('19880312', serial, 'female');
    const roster = await rosterXlsx([
      ['林晓燕', yan, '13800138001', 2, '在职职工', '是'],
      ['周建国', idNumber('19791105', serial, 'male'), '13800138002', 1, '在职职工', '是'],
      ['孙悦', idNumber('19950721', serial, 'female'), '', 3, '在职职工', '是'],
      ['郑强', withWrongCheck(idNumber('19900101', serial, 'male')), '13800138004', 1, '在职职工', '是'],
      ['吴海波', idNumber('19500202', serial, 'male'), '13800138005', 1, '在职职工', '是'],
      ['林小燕', yan, '13800138006', 1, '在职职工', '是'],
    ]);

    await pickOption(page, page.getByTestId('enrol-product'), CI_A);
    await expect.poll(() => page.locator('.ant-upload-text').textContent()).toBe('点击或拖拽文件到此处上传');
    await screenshot(page, 'enrol');
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: '参保花名册.xlsx', mimeType: XLSX_MIME, buffer: roster });
    await page.getByTestId('batch-result').waitFor();
    expect(await page.getByTestId('batch-result').textContent()).toContain('校验完成，部分行未通过校验');
    const stats = await page.getByTestId('batch-summary').locator('.ant-statistic-content-value').allTextContents();
    expect(stats).toEqual(['6', '3', '3', '6', '¥360.00']);
    const issueRows = page.getByTestId('issues-table').locator('.ant-table-row');
    await expect.poll(() => issueRows.count()).toBe(4);
    await screenshot(page, 'enrol-result');

    await page.getByTestId('severity-filter').getByText(/^错误/).click();
    await expect.poll(() => issueRows.count()).toBe(3);
    const errorRows = await issueRows.allTextContents();
    expect(errorRows[0]).toMatch(/^5身份证号ID_CHECKSUM_INVALID错误身份证号校验位错误/);
    expect(errorRows[1]).toMatch(/^6身份证号AGE_OUT_OF_RANGE错误参保开始日年龄不在产品规定范围内/);
    expect(errorRows[2]).toMatch(/^7身份证号DUPLICATE_IN_FILE错误文件中身份证号重复（与第 2 行重复）/);
    await page.getByTestId('severity-filter').getByText(/^警告/).click();
    await expect.poll(() => issueRows.allTextContents()).toEqual([expect.stringMatching(/^4手机号PHONE_INVALID警告/)]);

    const [errorsFile] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-errors').click()]);
    const rejected = await sheetRows(fs.readFileSync((await errorsFile.path())!));
    expect(rejected[0]?.at(-1)).toBe('错误原因');
    const byRow = rejected.slice(1).sort((a, b) => Number(a[0]) - Number(b[0]));
    expect(byRow.map((r) => [r[0], r[1]])).toEqual([
      ['5', '郑强'],
      ['6', '吴海波'],
      ['7', '林小燕'],
    ]);
    expect(byRow[2]?.at(-1)).toContain('文件中身份证号重复');

    await page.getByRole('button', { name: '提交审核' }).click();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /确\s*定/ })
      .click();
    await page.waitForURL(/\/batches\/[^/]+$/);
    const batchId = page.url().split('/').pop()!;
    await expect.poll(() => page.getByTestId('batch-status').first().textContent()).toBe('待审核');
    await screenshot(page, 'batch-detail-submitted');

    // 江北区 approves it from the review queue.
    const agencyPage = await browser.open();
    await signIn(agencyPage, env.baseUrl, 'jiangbei', env.password);
    await agencyPage.goto(`${env.baseUrl}/batch-review`);
    const queued = agencyPage.locator('.ant-table-row', { hasText: unit.name }).filter({ hasText: '¥360.00' });
    await queued.first().waitFor();
    await screenshot(agencyPage, 'batch-review');
    await queued.first().getByRole('button', { name: '审核通过' }).click();
    await agencyPage.locator('.ant-modal textarea').fill('人员与费用已核对');
    await screenshot(agencyPage, 'batch-review-approve');
    await agencyPage.locator('.ant-modal-footer').getByRole('button', { name: '审核通过' }).click();
    await expect.poll(() => queued.count()).toBe(0);
    expect((await json<Batch>(await api.get(`/enrolment-batches/${batchId}`))).status).toBe('approved');

    // Finance: a wrong amount is refused with both amounts shown, the right one makes the batch effective.
    const financePage = await browser.open();
    await signIn(financePage, env.baseUrl, 'finance', env.password);
    await financePage.goto(`${env.baseUrl}/batch-payments`);
    const due = financePage.locator('.ant-table-row', { hasText: unit.name }).filter({ hasText: '¥360.00' });
    await due.first().waitFor();
    await screenshot(financePage, 'batch-payments');
    await due.first().getByRole('button', { name: '确认到账' }).click();
    await expect.poll(() => financePage.getByTestId('payment-expected').textContent()).toBe('¥360.00');
    await modalField(financePage, '到账金额（元）').fill('300');
    await typeDate(modalField(financePage, '到账日期'), chinaYesterday());
    await modalField(financePage, '银行流水号').fill('CQB-E2E-0001');
    await financePage.locator('.ant-modal-footer').getByRole('button', { name: '确认到账' }).click();
    const refusal = financePage.getByTestId('payment-error');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('到账金额与批次应缴总额不一致');
    expect(await refusal.textContent()).toContain('应缴 ¥360.00，本次填写 ¥300.00，相差 ¥60.00');
    await screenshot(financePage, 'batch-payment-mismatch');
    expect((await json<Batch>(await api.get(`/enrolment-batches/${batchId}`))).status).toBe('approved');
    await modalField(financePage, '到账金额（元）').fill('360');
    await financePage.locator('.ant-modal-footer').getByRole('button', { name: '确认到账' }).click();
    await expect.poll(() => due.count()).toBe(0);

    const effective = await json<Batch>(await api.get(`/enrolment-batches/${batchId}`));
    expect(effective).toMatchObject({ status: 'effective', paidAmountFen: 36_000, paidOn: chinaYesterday() });
    await page.goto(`${env.baseUrl}/batches/${batchId}`);
    await expect.poll(() => page.getByTestId('batch-status').first().textContent()).toBe('已生效');
    await expect.poll(() => page.getByTestId('batch-items').locator('.ant-table-row').count()).toBe(3);
    await screenshot(page, 'batch-detail-effective');

    // The API holds the member's policy: paid yesterday, requested today → cover from today, 90 waiting days.
    const items = await json<PageOf<{ row: number; memberId: string | null }>>(
      await api.get(`/enrolment-batches/${batchId}/items`),
    );
    const memberId = items.items.find((i) => i.row === 2)?.memberId;
    expect(memberId).toBeTruthy();
    const policies = await json<Policy[]>(await api.get(`/members/${memberId}/policies`));
    expect(policies.find((p) => p.batchId === batchId)).toMatchObject({
      productCode: 'CI_A',
      shares: 2,
      feeFen: 12_000,
      startDate: chinaToday(),
      status: 'waiting',
      continuous: false,
    });

    await page.goto(`${env.baseUrl}/members/${memberId}`);
    const policyRow = page.getByTestId('member-policies').locator('.ant-table-row', { hasText: CI_A });
    await policyRow.first().waitFor();
    expect(await policyRow.first().textContent()).toContain('等待期');
    expect(await policyRow.first().textContent()).toContain('打印参保凭证');
    await screenshot(page, 'member-policies');

    await page.goto(`${env.baseUrl}/units/${unitId}?tab=coverage`);
    const coverageRow = page.getByTestId('coverage-products').locator('.ant-table-row', { hasText: CI_A });
    await coverageRow.waitFor();
    await screenshot(page, 'unit-coverage');

    await page.goto(`${env.baseUrl}/batches?status=effective`);
    await page.locator('.ant-table-row').first().waitFor();
    expect(await page.locator('.ant-table-row').first().textContent()).toContain('已生效');
    await screenshot(page, 'batches');
    expect(errors).toEqual([]);
  });

  it('a unit with nothing ending soon gets the server’s reason when it asks for a renewal', async () => {
    const page = await browser.open();
    const session = await signIn(page, env.baseUrl, 'jiangbei', env.password);
    const api = apiOf(page, env.baseUrl, session.csrfToken);
    const serial = String(Date.now() % 100_000_000).padStart(8, '0');
    const body = `915001059${serial}`;
    const unit = await json<Unit>(
      await api.post('/units', {
        name: `重庆续保测试有限公司${serial}`,
        creditCode: body + creditCodeCheckChar(body),
        category: 'private',
        agencyId: session.user.orgId,
        headcount: 30,
      }),
    );

    await page.goto(`${env.baseUrl}/units/${unit.id}`);
    await page.getByRole('tab', { name: '参保情况' }).click();
    await expect.poll(() => page.getByText('该单位目前没有在保人员').count()).toBeGreaterThan(0);
    await page.getByTestId('renew').click();
    await pickOption(page, page.getByTestId('renewal-product'), CI_A);
    await page
      .locator('.ant-modal-footer')
      .getByRole('button', { name: /续\s*保/ })
      .click();
    await expect.poll(() => page.getByTestId('renewal-refusal').textContent()).toContain('本单位没有 60 天内到期');
    await screenshot(page, 'unit-renewal-nothing-due');
    const batches = await json<PageOf<Batch>>(await api.get(`/enrolment-batches?unitId=${unit.id}`));
    expect(batches.total).toBe(0);
  });

  it('江北区 returns a submitted batch with a reason; the unit sees it as the error step and may submit again', async () => {
    const unitPage = await browser.open();
    const person = idNumber('19910203', serialOfRun(), 'male');
    const { batch, api } = await uploadRosterAsUnit1(unitPage, [
      ['韩立新', person, '13600136000', 1, '在职职工', '是'],
    ]);
    await json(await api.post(`/enrolment-batches/${batch.id}/submit`));

    const page = await browser.open();
    await signIn(page, env.baseUrl, 'jiangbei', env.password);
    await page.goto(`${env.baseUrl}/batches/${batch.id}`);
    await page
      .getByTestId('batch-actions')
      .getByRole('button', { name: /退\s*回/ })
      .click();
    await page.locator('.ant-modal textarea').fill('缺');
    await page
      .locator('.ant-modal-footer')
      .getByRole('button', { name: /退\s*回/ })
      .click();
    await expect
      .poll(() => page.locator('.ant-modal .ant-form-item-explain').textContent())
      .toBe('请填写 2–500 字的退回原因');
    await page.locator('.ant-modal textarea').fill('韩立新的手机号与人事档案不一致，请核实后重新提交');
    await page
      .locator('.ant-modal-footer')
      .getByRole('button', { name: /退\s*回/ })
      .click();
    await expect.poll(() => page.getByTestId('batch-status').first().textContent()).toBe('已退回');

    await unitPage.goto(`${env.baseUrl}/batches/${batch.id}`);
    await expect.poll(() => unitPage.getByTestId('returned-alert').textContent()).toContain('手机号与人事档案不一致');
    expect(await unitPage.locator('.ant-steps-item-error').textContent()).toContain('已退回');
    expect(await unitPage.getByRole('button', { name: '提交审核' }).count()).toBe(1);
    await screenshot(unitPage, 'batch-returned');
    expect((await json<Batch>(await api.get(`/enrolment-batches/${batch.id}`))).returnReason).toContain('人事档案');
  });
});
