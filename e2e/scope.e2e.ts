import type { Agency, Batch, MemberSummary, Unit } from '@huzhu/core';
import { describe, expect, it } from 'vitest';
import { screenshot } from './support/chromium.ts';
import { uploadRosterAsUnit1 } from './support/enrolment.ts';
import { idNumber, serialOfRun } from './support/roster.ts';
import { apiOf, json, menuEntries, type PageOf, signIn } from './support/session.ts';
import { env, skipTier, useBrowser } from './support/suite.ts';

describe.skipIf(skipTier)('scope', () => {
  const browser = useBrowser();

  it('jiangbei opening a 万州区 unit, or another agency’s member, by URL gets the not-found state and a 404', async () => {
    const adminPage = await browser.open();
    await signIn(adminPage, env.baseUrl, 'admin', env.password);
    const admin = apiOf(adminPage, env.baseUrl);
    const agencies = (await json<{ items: Agency[] }>(await admin.get('/agencies'))).items;
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
    expect(await menuEntries(page)).toEqual([
      '工作台',
      '代办处',
      '会员单位',
      '会员',
      '保障产品',
      '单位参保',
      '参保批次',
      '审核队列',
      '扫码渠道',
      '赠险活动',
      '申领工作台',
      '救助申请',
      '困难职工档案',
      '救助类别',
      '救助慰问统计',
      '意见与投诉',
      '培训与宣讲',
      '培训宣讲统计',
      '精准扩面',
      '精准扩面统计',
      '汇总',
      '入会结构分析表',
      '理赔运营分析',
      '续保分析',
      '基金运行分析',
      '渠道分析',
      '扩面提质专项行动',
    ]);
    await page.goto(`${env.baseUrl}/users`);
    await expect.poll(() => page.getByText('您的角色没有访问此页面的权限').count()).toBe(1);
    expect((await apiOf(page, env.baseUrl).get('/users')).status()).toBe(403);
    await screenshot(page, 'scope-forbidden-page');
  });

  it('another unit’s agent opening unit1’s enrolment batch by URL gets the not-found state and a 404', async () => {
    const unitPage = await browser.open();
    const person = idNumber('19930509', serialOfRun(), 'male');
    const { batch, unitId } = await uploadRosterAsUnit1(unitPage, [
      ['冯志远', person, '13700137000', 1, '在职职工', '是'],
    ]);

    // The office admin gives a second unit its own agent.
    const adminPage = await browser.open();
    const admin = await signIn(adminPage, env.baseUrl, 'admin', env.password);
    const adminApi = apiOf(adminPage, env.baseUrl, admin.csrfToken);
    const other = (await json<PageOf<Unit>>(await adminApi.get('/units?pageSize=20'))).items.find(
      (u) => u.id !== unitId,
    )!;
    const username = `unitagent${Date.now() % 1_000_000}`;
    const password = `Other-${Date.now()}a1`;
    await json(
      await adminApi.post('/users', { username, displayName: '郭婷', role: 'unit_agent', unitId: other.id, password }),
    );

    const page = await browser.open();
    await signIn(page, env.baseUrl, username, password);
    const api = apiOf(page, env.baseUrl);
    const answer = await api.get(`/enrolment-batches/${batch.id}`);
    expect(answer.status()).toBe(404);
    expect(await answer.json()).toMatchObject({ code: 'NOT_FOUND' });
    expect((await api.get(`/enrolment-batches/${batch.id}/items`)).status()).toBe(404);
    expect((await api.get(`/enrolment-batches/${batch.id}/errors.xlsx`)).status()).toBe(404);
    const listed = await json<PageOf<Batch>>(await api.get('/enrolment-batches?pageSize=100'));
    expect(listed.items.map((b) => b.id)).not.toContain(batch.id);

    await page.goto(`${env.baseUrl}/batches/${batch.id}`);
    await page.getByTestId('not-found').waitFor();
    expect(await page.getByTestId('not-found').textContent()).toContain('参保批次不存在或不在您的管辖范围内');
    expect(await page.locator('body').textContent()).not.toContain(batch.unitName ?? batch.unitId);
    await screenshot(page, 'scope-batch-not-found');
  });

  it('unit1’s home page asks for nothing it may not read: no 403 and no 无权执行此操作', async () => {
    const page = await browser.open();
    await signIn(page, env.baseUrl, 'unit1', env.password);
    const refused: string[] = [];
    page.on('response', (r) => {
      if (r.url().includes('/api/v1/') && r.status() === 403) refused.push(r.url());
    });
    await page.goto(`${env.baseUrl}/`);
    await page.getByText('单位', { exact: false }).first().waitFor();
    await page.waitForLoadState('networkidle');
    expect(refused).toEqual([]);
    expect(await page.locator('body').textContent()).not.toContain('无权执行此操作');
    await screenshot(page, 'scope-unit-home');
  });
});
