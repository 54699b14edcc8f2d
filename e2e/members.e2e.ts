import { idCheckChar, type MemberSummary } from '@huzhu/core';
import { describe, expect, it } from 'vitest';
import { screenshot } from './support/chromium.ts';
import { apiOf, json, type PageOf, signIn } from './support/session.ts';
import { env, skipTier, useBrowser } from './support/suite.ts';

interface AuditRow {
  action: string;
  objectId: string | null;
  actorName: string | null;
}

describe.skipIf(skipTier)('members', () => {
  const browser = useBrowser();

  it('admin finds a member by full ID number, sees it masked, reveals it, and the reveal is audited', async () => {
    const page = await browser.open();
    const session = await signIn(page, env.baseUrl, 'admin', env.password);
    const api = apiOf(page, env.baseUrl, session.csrfToken);
    const listed = await json<PageOf<MemberSummary>>(await api.get('/members?pageSize=5'));
    const member = listed.items[0]!;
    const { idNumber } = await json<{ idNumber: string }>(await api.post(`/members/${member.id}/reveal`));
    expect(idNumber).toMatch(/^\d{17}[\dX]$/);
    expect(member.idNumberMasked).not.toContain(idNumber.slice(4, 14));

    await page.goto(`${env.baseUrl}/members`);
    await page.getByTestId('member-search').locator('input').fill(idNumber);
    await page.keyboard.press('Enter');
    await page.waitForURL(/[?&]s=/);
    await expect.poll(() => page.locator('.ant-table-row').count()).toBe(1);
    const row = page.locator('.ant-table-row').first();
    expect(await row.textContent()).toContain(member.idNumberMasked);
    // The full number appears nowhere in the table: only in the search box the user typed it into.
    expect(await page.locator('.ant-table').textContent()).not.toContain(idNumber);
    expect(await page.getByText('按身份证号精确查找').count()).toBe(1);
    await screenshot(page, 'members-search-by-id');

    await row.click();
    await page.waitForURL(new RegExp(`/members/${member.id}$`));
    await expect.poll(() => page.getByTestId('id-masked').textContent()).toBe(member.idNumberMasked);
    expect(await page.locator('body').textContent()).not.toContain(idNumber);
    await screenshot(page, 'member-detail-masked');

    const before = await json<PageOf<AuditRow>>(await api.get(`/audit?action=member.reveal_id&objectId=${member.id}`));
    await page.getByTestId('reveal-button').click();
    await page.getByRole('button', { name: /确\s*定/ }).click();
    await expect.poll(() => page.getByTestId('id-revealed').textContent()).toBe(idNumber);
    expect(await page.getByText('本次查看已记入审计日志').count()).toBe(1);
    await screenshot(page, 'member-detail-revealed');

    const after = await json<PageOf<AuditRow>>(await api.get(`/audit?action=member.reveal_id&objectId=${member.id}`));
    expect(after.total).toBe(before.total + 1);
    expect(after.items[0]).toMatchObject({ action: 'member.reveal_id', objectId: member.id });
    expect(after.items[0]!.actorName).toContain('admin');

    await page.goto(`${env.baseUrl}/audit?action=member.reveal_id`);
    await page.locator('.ant-table-row').first().waitFor();
    expect(await page.locator('.ant-table-row').first().textContent()).toContain('查看完整身份证号');
    await page.locator('.ant-table-row-expand-icon').first().click();
    await expect.poll(() => page.locator('.json-block').count()).toBeGreaterThan(0);
    await screenshot(page, 'audit-reveal');
  });

  it('a mistyped ID number (bad check digit) gets the server’s Chinese refusal and no rows', async () => {
    const page = await browser.open();
    await signIn(page, env.baseUrl, 'admin', env.password);
    await page.goto(`${env.baseUrl}/members`);
    const first17 = '50010519850615001';
    const wrong = '0123456789X'.split('').find((c) => c !== idCheckChar(first17))!;
    await page
      .getByTestId('member-search')
      .locator('input')
      .fill(first17 + wrong);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.ant-alert-error').textContent()).toContain('身份证号');
    expect(await page.locator('.ant-table-row').count()).toBe(0);
  });
});
