import type { Batch, Policy } from '@huzhu/core';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { chinaToday, chinaYesterday, idNumber, rosterXlsx, serialOfRun, XLSX_MIME } from './roster.ts';
import { apiOf, json, type PageOf, signIn } from './session.ts';
import { env } from './suite.ts';

interface BatchItem {
  row: number;
  memberId: string | null;
}

/** unit1 uploads a roster for its own unit through the API: a draft batch, as the console's upload makes it. */
export async function uploadRosterAsUnit1(page: Page, rows: (string | number)[][], productCode = 'CI_A') {
  const session = await signIn(page, env.baseUrl, 'unit1', env.password);
  const api = apiOf(page, env.baseUrl, session.csrfToken);
  const unitId = session.user.orgId!;
  const res = await api.upload(`/units/${unitId}/roster-imports`, {
    productCode,
    startDate: chinaToday(),
    file: { name: '参保花名册.xlsx', mimeType: XLSX_MIME, buffer: await rosterXlsx(rows) },
  });
  expect(res.status(), await res.text()).toBe(201);
  return { batch: (await res.json()) as Batch, unitId, api };
}

/**
 * One person enrolled end to end through the API (upload → submit → 江北区 approves → finance confirms a payment
 * that arrived yesterday, so cover starts today): what a spec about certificates or coverage starts from.
 */
export async function enrolOnePerson(open: () => Promise<Page>, name: string, birth: string) {
  const unitPage = await open();
  const person = idNumber(birth, serialOfRun(), 'female');
  const { batch, unitId, api } = await uploadRosterAsUnit1(unitPage, [
    [name, person, '13900139000', 1, '在职职工', '是'],
  ]);
  expect(batch).toMatchObject({ acceptedRows: 1, rejectedRows: 0 });
  await json(await api.post(`/enrolment-batches/${batch.id}/submit`));

  const agencyPage = await open();
  const agency = await signIn(agencyPage, env.baseUrl, 'jiangbei', env.password);
  await json(await apiOf(agencyPage, env.baseUrl, agency.csrfToken).post(`/enrolment-batches/${batch.id}/approve`, {}));

  const financePage = await open();
  const finance = await signIn(financePage, env.baseUrl, 'finance', env.password);
  const paid = await json<Batch>(
    await apiOf(financePage, env.baseUrl, finance.csrfToken).post(`/enrolment-batches/${batch.id}/payments`, {
      amountFen: batch.totalFeeFen,
      paidOn: chinaYesterday(),
      bankReference: `E2E${Date.now()}`,
    }),
  );
  expect(paid.status).toBe('effective');

  const items = await json<PageOf<BatchItem>>(await api.get(`/enrolment-batches/${batch.id}/items`));
  const memberId = items.items[0]?.memberId;
  expect(memberId).toBeTruthy();
  const policies = await json<Policy[]>(await api.get(`/members/${memberId}/policies`));
  const policy = policies.find((p) => p.batchId === batch.id);
  expect(policy).toBeDefined();
  return { unitPage, api, unitId, batch: paid, memberId: memberId!, policy: policy!, idNumber: person };
}
