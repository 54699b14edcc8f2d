import type { Batch, Policy } from '@huzhu/core';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { uploadRosterAsUnit1 } from './enrolment.ts';
import { chinaYesterday, idNumber, serialOfRun } from './roster.ts';
import { apiOf, json, type PageOf, signIn } from './session.ts';
import { env } from './suite.ts';

/** A 1×1 PNG and a one-page PDF: real magic bytes, so the server's content sniffing accepts them as materials. */
export const tinyPng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
export const tinyPdf = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

/**
 * One member of unit1 covered by MED (住院医疗、意外综合: accidents have no waiting period) from today, through the
 * API (roster → submit → 江北区 approves → finance confirms yesterday's payment), with a bank account for payouts.
 */
export async function enrolInMed(open: () => Promise<Page>, name: string, birth: string) {
  const unitPage = await open();
  const { batch, api } = await uploadRosterAsUnit1(
    unitPage,
    [[name, idNumber(birth, serialOfRun(), 'male'), '13700137000', 1, '在职职工', '是']],
    'MED',
  );
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
      bankReference: `E2E-MED-${Date.now()}`,
    }),
  );
  expect(paid.status).toBe('effective');

  const items = await json<PageOf<{ memberId: string | null }>>(await api.get(`/enrolment-batches/${batch.id}/items`));
  const memberId = items.items[0]?.memberId;
  expect(memberId).toBeTruthy();
  const policies = await json<Policy[]>(await api.get(`/members/${memberId}/policies`));
  const policy = policies.find((p) => p.batchId === batch.id);
  expect(policy?.productCode).toBe('MED');

  const csrf = (await json<{ csrfToken: string }>(await api.get('/auth/me'))).csrfToken;
  const account = await unitPage.request.patch(`${env.baseUrl}/api/v1/members/${memberId}/bank-account`, {
    data: { bankName: '中国工商银行重庆江北支行', accountNumber: '6222020200112233445' },
    headers: { 'x-csrf-token': csrf },
  });
  expect(account.status(), await account.text()).toBe(200);
  return { unitPage, api, memberId: memberId!, policy: policy! };
}
