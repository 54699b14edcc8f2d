import type { Batch } from '@huzhu/core';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot, watchPageErrors } from './support/chromium.ts';
import { tinyPdf, tinyPng } from './support/claims-setup.ts';
import { uploadRosterAsUnit1 } from './support/enrolment.ts';
import { chinaToday, chinaYesterday, idNumber } from './support/roster.ts';
import { apiOf, json, type PageOf, signIn } from './support/session.ts';
import { env, skipTier, useBrowser } from './support/suite.ts';

const CLAIMS = 600;
/** The three members who have no bank account when finance gathers the batch. */
const NO_ACCOUNT = ['欧阳付甲', '欧阳付乙', '欧阳付丙'];
const SURNAMES = '赵钱孙周吴郑冯陈褚卫蒋沈韩杨朱秦尤许何吕';
const GIVEN = '一二三四五六七八九十';

/** 600 distinct people: a name, an ID number (a distinct birth date each, so no two collide), a mobile. */
function people(run: number) {
  return Array.from({ length: CLAIMS }, (_, i) => {
    const birth = new Date(Date.UTC(1966, 0, 1) + i * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
    const name =
      i < NO_ACCOUNT.length
        ? NO_ACCOUNT[i]!
        : `${SURNAMES[i % 20]}${GIVEN[Math.floor(i / 20) % 10]}${GIVEN[Math.floor(i / 200) % 10]}财`;
    return [
      name,
      idNumber(birth, run, i % 2 ? 'male' : 'female'),
      `1370${String(i).padStart(7, '0')}`,
      1,
      '在职职工',
      '是',
    ];
  });
}

/** Runs `work` over `items`, a few at a time (the server is on the same 2 cores as the browser). */
async function pool<T>(items: T[], size: number, work: (item: T, i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: size }, async () => {
      while (next < items.length) {
        const i = next++;
        await work(items[i]!, i);
      }
    }),
  );
}

const confirm = (page: Page) =>
  page
    .locator('.ant-popconfirm')
    .getByRole('button', { name: /确\s*定/ })
    .click();

describe.skipIf(skipTier)('finance', () => {
  const browser = useBrowser();

  it('a finance clerk pays a batch of 600 approved claims where 3 lack accounts: sees them named, adds one account from the member page, pays the rest', async () => {
    // 600 members of unit1 covered by MED from today (accidents have no waiting period), through the API.
    const unitPage = await browser.open();
    const run = Math.floor(Math.random() * 400) + 50;
    const rows = people(run);
    const { batch, api } = await uploadRosterAsUnit1(unitPage, rows, 'MED');
    expect(batch).toMatchObject({ acceptedRows: CLAIMS, rejectedRows: 0 });
    await json(await api.post(`/enrolment-batches/${batch.id}/submit`));
    const agencyPage = await browser.open();
    const agency = apiOf(
      agencyPage,
      env.baseUrl,
      (await signIn(agencyPage, env.baseUrl, 'jiangbei', env.password)).csrfToken,
    );
    await json(await agency.post(`/enrolment-batches/${batch.id}/approve`, {}));
    const financePage = await browser.open();
    const financeSession = await signIn(financePage, env.baseUrl, 'finance', env.password);
    const finance = apiOf(financePage, env.baseUrl, financeSession.csrfToken);
    const paidBatch = await json<Batch>(
      await finance.post(`/enrolment-batches/${batch.id}/payments`, {
        amountFen: batch.totalFeeFen,
        paidOn: chinaYesterday(),
        bankReference: `E2E-FIN-${Date.now()}`,
      }),
    );
    expect(paidBatch.status).toBe('effective');
    const members: { memberId: string; name: string }[] = [];
    for (let page = 1; members.length < CLAIMS; page++) {
      const items = await json<PageOf<{ memberId: string | null; name: string }>>(
        await api.get(`/enrolment-batches/${batch.id}/items?page=${page}&pageSize=500`),
      );
      if (items.items.length === 0) break;
      for (const it of items.items) if (it.memberId) members.push({ memberId: it.memberId, name: it.name });
    }
    expect(members).toHaveLength(CLAIMS);
    const byName = new Map(members.map((m) => [m.name, m.memberId]));
    const missing = NO_ACCOUNT.map((n) => byName.get(n)!);
    expect(missing.every(Boolean)).toBe(true);

    // Every claim filed by unit1 with its three materials, accepted by 江北区, approved by the reviewer.
    const unitCsrf = (await json<{ csrfToken: string }>(await api.get('/auth/me'))).csrfToken;
    const reviewerPage = await browser.open();
    const reviewer = apiOf(
      reviewerPage,
      env.baseUrl,
      (await signIn(reviewerPage, env.baseUrl, 'reviewer', env.password)).csrfToken,
    );
    const claimIds: string[] = [];
    await pool(members, 6, async (m, i) => {
      if (!missing.includes(m.memberId)) {
        const res = await unitPage.request.patch(`${env.baseUrl}/api/v1/members/${m.memberId}/bank-account`, {
          data: {
            bankName: '中国工商银行重庆江北支行',
            accountNumber: `62220202${String(run).padStart(3, '0')}${String(i).padStart(8, '0')}`,
          },
          headers: { 'x-csrf-token': unitCsrf },
        });
        expect(res.status(), await res.text()).toBe(200);
      }
      const claim = await json<{ id: string }>(
        await api.post('/claims', {
          memberId: m.memberId,
          kind: 'accident_medical',
          cause: 'accident',
          eventDate: chinaToday(),
          totalExpensesFen: 120_000,
          selfPaidFen: 100_000,
          invoiceNumbers: [`FIN${run}X${i}`],
          hospital: '重庆医科大学附属第一医院',
        }),
      );
      for (const [slot, file] of [
        [1, { name: '身份证及银行卡.png', mimeType: 'image/png', buffer: tinyPng }],
        [2, { name: '门诊病历.pdf', mimeType: 'application/pdf', buffer: tinyPdf }],
        [3, { name: '发票及结算单.pdf', mimeType: 'application/pdf', buffer: tinyPdf }],
      ] as const) {
        const up = await api.upload(`/claims/${claim.id}/materials`, { slot: String(slot), file });
        expect(up.status(), await up.text()).toBe(201);
      }
      await json(await agency.post(`/claims/${claim.id}/accept`));
      await json(await reviewer.post(`/claims/${claim.id}/decision`, { decision: 'approve' }));
      claimIds[i] = claim.id;
    });
    const waitingIds = NO_ACCOUNT.map((n) => claimIds[members.findIndex((m) => m.name === n)]!);

    // The reviewer was told, when approving, that the member has no bank account yet.
    await signIn(reviewerPage, env.baseUrl, 'reviewer', env.password);
    await reviewerPage.goto(`${env.baseUrl}/claims/${waitingIds[0]}`);
    await expect.poll(() => reviewerPage.getByTestId('claim-bank-account').textContent()).toContain('未登记');

    // Finance: the payable list counts every claim (paged, nothing silently dropped), 600 of them ours.
    const errors = watchPageErrors(financePage);
    const payable = await json<PageOf<{ id: string }> & { totalFen: number }>(
      await finance.get('/payout-claims?pageSize=20'),
    );
    expect(payable.total).toBeGreaterThanOrEqual(CLAIMS);
    await financePage.goto(`${env.baseUrl}/payouts`);
    await expect.poll(() => financePage.getByTestId('payable-total').textContent()).toContain(`${payable.total} 笔`);
    await expect
      .poll(() => financePage.locator('.ant-pagination-total-text').first().textContent())
      .toContain(String(payable.total));
    await screenshot(financePage, 'payouts-600');

    // One batch for everything payable: the three without an account are left out and named.
    await financePage.getByTestId('create-payout').click();
    await financePage.waitForURL(/\/payouts\/[^/?]+$/);
    const batchId = financePage.url().split('/').pop()!;
    const skipped = financePage.getByTestId('payout-skipped');
    await skipped.waitFor();
    for (const name of NO_ACCOUNT) expect(await skipped.textContent()).toContain(name);
    for (const id of waitingIds) expect(await skipped.textContent()).toContain(id);
    expect(await skipped.textContent()).toContain('会员尚未登记收款银行账户');
    await screenshot(financePage, 'payout-batch-skipped');
    const created = await json<{ itemCount: number; items: { claimId: string }[] }>(
      await finance.get(`/payout-batches/${batchId}`),
    );
    const inBatch = new Set(created.items.map((i) => i.claimId));
    expect(claimIds.filter((id) => inBatch.has(id))).toHaveLength(CLAIMS - NO_ACCOUNT.length);
    expect(waitingIds.some((id) => inBatch.has(id))).toBe(false);
    // The batch's transfers page on the server: the table counts every one of them, 20 a page.
    const transfers = financePage.getByTestId('payout-items');
    await expect
      .poll(() => financePage.locator('.ant-pagination-total-text').last().textContent())
      .toContain(`共 ${created.itemCount} 条`);
    expect(await transfers.locator('.ant-table-row').count()).toBe(20);

    // The rest is paid: the bank's answer recorded for the whole batch.
    await financePage.getByTestId('mark-all-paid').click();
    await confirm(financePage);
    await expect
      .poll(async () => (await json<{ status: string }>(await finance.get(`/payout-batches/${batchId}`))).status)
      .toBe('closed');

    // From the named member to their page: finance registers the account there.
    await financePage.goto(`${env.baseUrl}/payouts?tab=waiting`);
    const waiting = financePage.getByTestId('waiting-claims');
    for (const name of NO_ACCOUNT) await waiting.locator('.ant-table-row', { hasText: name }).first().waitFor();
    await screenshot(financePage, 'payouts-waiting');
    await waiting.locator('.ant-table-row', { hasText: NO_ACCOUNT[0] }).getByTestId('waiting-add-account').click();
    await financePage.waitForURL(new RegExp(`/members/${missing[0]}$`));
    await financePage.getByTestId('bank-account-edit').click();
    await financePage.getByTestId('bank-name').fill('重庆农村商业银行江北支行');
    await financePage.getByTestId('bank-account-number').fill('6230 9100 0000 4321');
    await financePage
      .locator('.ant-modal-footer')
      .getByRole('button', { name: /保\s*存/ })
      .click();
    await expect.poll(() => financePage.getByTestId('member-bank-account').textContent()).toContain('**** **** 4321');
    await screenshot(financePage, 'member-bank-account');

    // The next batch pays that claim; the two still without an account are named again.
    await financePage.goto(`${env.baseUrl}/payouts`);
    await financePage.getByTestId('payable-claims').locator('.ant-table-row').first().waitFor();
    await financePage.getByTestId('create-payout').click();
    await financePage.waitForURL((u) => /\/payouts\/[^/?]+$/.test(u.pathname) && !u.pathname.endsWith(batchId));
    const second = financePage.url().split('/').pop()!;
    await expect.poll(() => financePage.getByTestId('payout-skipped').textContent()).toContain(NO_ACCOUNT[1]);
    const secondBatch = await json<{ items: { claimId: string }[] }>(await finance.get(`/payout-batches/${second}`));
    expect(secondBatch.items.map((i) => i.claimId)).toContain(waitingIds[0]);
    await financePage.getByTestId('mark-all-paid').click();
    await confirm(financePage);
    await expect
      .poll(async () => (await json<{ status: string }>(await api.get(`/claims/${waitingIds[0]}`))).status)
      .toBe('paid');
    expect(errors).toEqual([]);
  }, 900_000);

  it('a clerk finds a member by ID number and by name from the top search box', async () => {
    const page = await browser.open();
    const session = await signIn(page, env.baseUrl, 'admin', env.password);
    const api = apiOf(page, env.baseUrl, session.csrfToken);
    const listed = await json<PageOf<{ id: string; name: string; idNumberMasked: string }>>(
      await api.get('/members?pageSize=5'),
    );
    const member = listed.items[0]!;
    const { idNumber: full } = await json<{ idNumber: string }>(await api.post(`/members/${member.id}/reveal`));

    await page.goto(`${env.baseUrl}/`);
    const box = page.getByTestId('top-search').locator('input');
    await box.fill(full);
    await box.press('Enter');
    await page.waitForURL(/\/members\?s=/);
    await expect.poll(() => page.locator('.ant-table-row').count()).toBe(1);
    expect(await page.locator('.ant-table-row').first().textContent()).toContain(member.name);
    expect(await page.locator('.ant-table').textContent()).not.toContain(full);
    await screenshot(page, 'top-search-id');

    await box.fill(member.name);
    await box.press('Enter');
    await page.waitForURL(new RegExp(`s=${encodeURIComponent(member.name)}`));
    await page.locator('.ant-table-row', { hasText: member.name }).first().waitFor();
    await page.locator('.ant-table-row', { hasText: member.name }).first().click();
    await page.waitForURL(new RegExp(`/members/${member.id}$`));
    await expect.poll(() => page.getByTestId('member-name').textContent()).toBe(member.name);
  });
});
