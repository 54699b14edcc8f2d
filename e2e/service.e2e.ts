import { describe, expect, it } from 'vitest';
import { watchPageErrors } from './support/chromium.ts';
import { bothWidths, search, totalText } from './support/list-page.ts';
import { apiOf, json, type PageOf, signIn } from './support/session.ts';
import { env, skipTier, useBrowser } from './support/suite.ts';

/** 服务与扩面 with the demo data: complaints, trainings and events, targeted expansion and their reports. */
describe.skipIf(skipTier)('service and outreach screens (服务与扩面)', () => {
  const browser = useBrowser();

  it('complaints are listed with the server’s total and found by number; trainings, expansion candidates and both reports show', async () => {
    const page = await browser.open();
    const errors = watchPageErrors(page);
    const session = await signIn(page, env.baseUrl, 'admin', env.password);
    const api = apiOf(page, env.baseUrl, session.csrfToken);

    // 意见与投诉: a member's telephone feedback filed by staff, then the list with the server's total, found by number.
    const members = await json<PageOf<{ id: string }>>(await api.get('/members?pageSize=50'));
    let subject: { memberId: string; policyId: string } | null = null;
    for (const m of members.items) {
      const policies = await json<PageOf<{ id: string }>>(await api.get(`/members/${m.id}/policies?pageSize=1`));
      if (policies.items[0]) {
        subject = { memberId: m.id, policyId: policies.items[0].id };
        break;
      }
    }
    expect(subject).not.toBeNull();
    const filed = await json<{ number: string }>(
      await api.post('/complaints', {
        kind: 'feedback',
        subjectKind: 'policy',
        subjectId: subject!.policyId,
        memberId: subject!.memberId,
        content: '希望参保凭证能发到手机上',
        contactNote: '电话来电',
      }),
    );
    const complaints = await json<PageOf<{ number: string }>>(await api.get('/complaints?pageSize=1'));
    expect(complaints.total).toBeGreaterThan(0);
    await page.goto(`${env.baseUrl}/complaints`);
    await page.locator('.ant-table-row').first().waitFor({ timeout: 45_000 });
    await expect.poll(() => totalText(page)).toContain(`共 ${complaints.total} 条`);
    await search(page, filed.number);
    await expect.poll(() => totalText(page)).toContain('共 1 条');
    expect(await page.locator('.ant-table-row').first().textContent()).toContain(filed.number);
    await bothWidths(page, 'service-complaints');

    // 培训与宣讲: this year's sessions and events, searchable.
    await page.goto(`${env.baseUrl}/outreach`);
    await page.locator('.ant-table-row').first().waitFor({ timeout: 45_000 });
    await bothWidths(page, 'service-outreach');

    // 精准扩面: the candidates (units not enrolled, or with few shares per member) of the office.
    await page.goto(`${env.baseUrl}/expansion`);
    await page.getByRole('tab', { name: '候选单位' }).click();
    await page.locator('.ant-table-row').first().waitFor({ timeout: 45_000 });
    await bothWidths(page, 'service-expansion');

    // The two reports: their table, and its xlsx on offer.
    for (const [path, name] of [
      ['/reports/outreach', 'service-outreach-report'],
      ['/reports/expansion', 'service-expansion-report'],
    ] as const) {
      await page.goto(`${env.baseUrl}${path}`);
      await page.locator('.ant-table').first().waitFor({ timeout: 45_000 });
      await page.getByTestId('report-export').first().waitFor();
      await bothWidths(page, name);
    }
    expect(errors).toEqual([]);
  }, 180_000);
});
