import { describe, expect, it } from 'vitest';
import { screenshot, watchPageErrors } from './support/chromium.ts';
import { apiOf, json, menuEntries } from './support/session.ts';
import { env, skipTier, useBrowser } from './support/suite.ts';

describe.skipIf(skipTier)('login', () => {
  const browser = useBrowser();

  it('shows the server’s Chinese message for a wrong password and stays signed out', async () => {
    const page = await browser.open();
    await page.goto(`${env.baseUrl}/login`);
    await screenshot(page, 'login');
    await page.getByPlaceholder('用户名').fill('admin');
    await page.getByPlaceholder('密码').fill('not-the-password-1');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await expect.poll(() => page.getByTestId('login-error').textContent()).toContain('用户名或密码错误');
    await screenshot(page, 'login-wrong-password');
    expect(new URL(page.url()).pathname).toBe('/login');
    const me = await apiOf(page, env.baseUrl).get('/auth/me');
    expect(me.status()).toBe(401);
  });

  it('signs the admin in through the form into the layout with the role label and the admin menu', async () => {
    const page = await browser.open();
    const errors = watchPageErrors(page);
    await page.goto(`${env.baseUrl}/units`);
    // Signed-out visitors land on the login page and are sent back where they were going.
    await page.waitForURL(/\/login\?next=%2Funits/);
    await page.getByPlaceholder('用户名').fill('admin');
    await page.getByPlaceholder('密码').fill(env.password);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL(`${env.baseUrl}/units`);
    await expect.poll(() => page.getByTestId('role-label').textContent()).toBe('办事处管理员');

    await page.locator('.ant-menu-item', { hasText: /^工作台$/ }).click();
    await page.waitForURL(`${env.baseUrl}/`);
    await expect.poll(() => page.getByText('您好，').first().textContent()).toMatch(/您好，\S+/);
    expect(await menuEntries(page)).toEqual([
      '工作台',
      '代办处',
      '会员单位',
      '名册导入',
      '会员',
      '保障产品',
      '单位参保',
      '参保批次',
      '审核队列',
      '扫码渠道',
      '赠险活动',
      '申领工作台',
      '短信记录',
      '政策问答',
      '救助申请',
      '困难职工档案',
      '节日慰问批次',
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
      '用户',
      'API 令牌',
      '审计日志',
    ]);
    await screenshot(page, 'dashboard');

    const me = await json<{ user: { username: string; role: string } }>(await apiOf(page, env.baseUrl).get('/auth/me'));
    expect(me.user).toMatchObject({ username: 'admin', role: 'office_admin' });
    expect(errors).toEqual([]);
  });

  it('switches to English and keeps the choice after a reload, then back to Chinese', async () => {
    const page = await browser.open();
    await page.goto(`${env.baseUrl}/login`);
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.getByRole('button', { name: /Sign in/ }).count()).toBe(1);
    await page.reload();
    await expect.poll(() => page.getByRole('button', { name: /Sign in/ }).count()).toBe(1);
    await screenshot(page, 'login-english');
    await page.getByRole('button', { name: '中文' }).click();
    await expect.poll(() => page.getByRole('button', { name: /登\s*录/ }).count()).toBe(1);
  });

  it('signs out: the session ends on the server and the console returns to the login page', async () => {
    const page = await browser.open();
    await page.goto(`${env.baseUrl}/login`);
    await page.getByPlaceholder('用户名').fill('reviewer');
    await page.getByPlaceholder('密码').fill(env.password);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await expect.poll(() => page.getByTestId('role-label').textContent()).toBe('办事处审核员');
    // A reviewer's menu has no user or token administration.
    expect(await menuEntries(page)).toEqual([
      '工作台',
      '代办处',
      '会员单位',
      '会员',
      '保障产品',
      '参保批次',
      '审核队列',
      '申领工作台',
      '救助申请',
      '困难职工档案',
      '救助类别',
      '救助慰问统计',
      '意见与投诉',
      '培训宣讲统计',
      '精准扩面统计',
      '汇总',
      '入会结构分析表',
      '理赔运营分析',
      '续保分析',
      '基金运行分析',
      '渠道分析',
      '扩面提质专项行动',
      '审计日志',
    ]);
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL(/\/login$/);
    expect((await apiOf(page, env.baseUrl).get('/auth/me')).status()).toBe(401);
  });
});
