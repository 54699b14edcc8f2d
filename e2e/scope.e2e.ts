import type { Agency, MemberSummary, Unit } from '@huzhu/core';
import { describe, expect, it } from 'vitest';
import { screenshot } from './support/chromium.ts';
import { apiOf, json, menuEntries, type PageOf, signIn } from './support/session.ts';
import { env, skipTier, useBrowser } from './support/suite.ts';

describe.skipIf(skipTier)('scope', () => {
  const browser = useBrowser();

  it('jiangbei opening a 万州区 unit, or another agency’s member, by URL gets the not-found state and a 404', async () => {
    const adminPage = await browser.open();
    await signIn(adminPage, env.baseUrl, 'admin', env.password);
    const admin = apiOf(adminPage, env.baseUrl);
    const agencies = await json<Agency[]>(await admin.get('/agencies'));
    const wanzhou = agencies.find((a) => a.name === '万州区')!;
    const jiangbei = agencies.find((a) => a.name === '江北区')!;
    const unit = (await json<PageOf<Unit>>(await admin.get(`/units?agencyId=${wanzhou.id}&pageSize=1`))).items[0]!;
    // The small demo may leave 万州区's units without members: any member of a unit outside 江北区 will do.
    const allUnits = await json<PageOf<Unit>>(await admin.get('/units?pageSize=500'));
    const agencyOfUnit = new Map(allUnits.items.map((u) => [u.id, u.agencyId]));
    const members = await json<PageOf<MemberSummary>>(await admin.get('/members?pageSize=500'));
    const member = members.items.find((m) => m.unitId && agencyOfUnit.get(m.unitId) !== jiangbei.id);
    expect(member).toBeDefined();

    const page = await browser.open();
    await signIn(page, env.baseUrl, 'jiangbei', env.password);
    const api = apiOf(page, env.baseUrl);
    const unitAnswer = await api.get(`/units/${unit.id}`);
    expect(unitAnswer.status()).toBe(404);
    expect(await unitAnswer.json()).toMatchObject({ code: 'NOT_FOUND' });
    expect((await api.get(`/members/${member!.id}`)).status()).toBe(404);

    await page.goto(`${env.baseUrl}/units/${unit.id}`);
    await page.getByTestId('not-found').waitFor();
    expect(await page.getByTestId('not-found').textContent()).toContain('单位不存在或不在您的管辖范围内');
    // Nothing of the other agency's unit reaches the screen.
    expect(await page.locator('body').textContent()).not.toContain(unit.name);
    await screenshot(page, 'scope-unit-not-found');

    await page.goto(`${env.baseUrl}/members/${member!.id}`);
    await page.getByTestId('not-found').waitFor();
    expect(await page.locator('body').textContent()).not.toContain(member!.idNumberMasked);
  });

  it('an agency user’s menu has no administration, and an admin page by URL shows 403', async () => {
    const page = await browser.open();
    await signIn(page, env.baseUrl, 'jiangbei', env.password);
    await page.goto(`${env.baseUrl}/`);
    await expect.poll(() => page.getByTestId('role-label').textContent()).toBe('代办处经办人');
    expect(await menuEntries(page)).toEqual(['工作台', '代办处', '会员单位', '会员']);
    await page.goto(`${env.baseUrl}/users`);
    await expect.poll(() => page.getByText('您的角色没有访问此页面的权限').count()).toBe(1);
    expect((await apiOf(page, env.baseUrl).get('/users')).status()).toBe(403);
    await screenshot(page, 'scope-forbidden-page');
  });
});
