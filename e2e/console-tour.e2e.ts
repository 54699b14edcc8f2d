import { type Agency, creditCodeCheckChar, type Unit, type User } from '@huzhu/core';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot, watchPageErrors } from './support/chromium.ts';
import { apiOf, json, type PageOf, signIn } from './support/session.ts';
import { env, skipTier, useBrowser } from './support/suite.ts';

/**
 * Picks an option of the antd Select in a modal form item, by the item's label and the option's text, and checks
 * that the choice took (a click that lands while the dropdown is still animating in is retried).
 */
async function choose(page: Page, label: string, option: string) {
  const item = page.locator('.ant-modal .ant-form-item', { has: page.locator(`label:text-is("${label}")`) });
  for (let attempt = 0; attempt < 3; attempt++) {
    await item.locator('.ant-select').click();
    const entry = page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first();
    await entry.waitFor();
    await entry.click();
    try {
      await expect.poll(() => item.locator('.ant-select').textContent(), { timeout: 2_000 }).toContain(option);
      return;
    } catch {
      await page.keyboard.press('Escape');
    }
  }
  throw new Error(`could not choose ${option} in ${label}`);
}

const field = (page: Page, label: string) =>
  page.locator('.ant-modal .ant-form-item', { has: page.locator(`label:text-is("${label}")`) }).locator('input');

describe.skipIf(skipTier)('console tour (office admin)', () => {
  const browser = useBrowser();

  it('agencies list the office’s district, industry and municipal agency offices', async () => {
    const page = await browser.open();
    await signIn(page, env.baseUrl, 'admin', env.password);
    const stored = (await json<{ items: Agency[] }>(await apiOf(page, env.baseUrl).get('/agencies?pageSize=500')))
      .items;
    await page.goto(`${env.baseUrl}/agencies`);
    await page.locator('.ant-table-row').first().waitFor();
    await expect.poll(() => page.getByText(`共 ${stored.length} 条`).count()).toBe(1);
    await screenshot(page, 'agencies');
    const industry = stored.filter((a) => a.kind === 'industry');
    expect(industry.length).toBeGreaterThan(0);
    await page.locator('.ant-segmented-item', { hasText: '产业' }).click();
    await expect.poll(() => page.getByText(`共 ${industry.length} 条`).count()).toBe(1);
    expect(new Set(await page.locator('.ant-table-row .ant-tag').allTextContents())).toEqual(new Set(['产业']));
  });

  it('creates a unit whose credit code fails the checksum: saved, with the warning shown and on record', async () => {
    const page = await browser.open();
    const errors = watchPageErrors(page);
    const session = await signIn(page, env.baseUrl, 'admin', env.password);
    const api = apiOf(page, env.baseUrl, session.csrfToken);
    const serial = String(Date.now() % 100_000_000).padStart(8, '0');
    const body = `915001058${serial}`;
    const good = creditCodeCheckChar(body);
    const code = body + (good === 'A' ? 'B' : 'A');
    const name = `重庆端到端新增测试有限公司${serial}`;

    await page.goto(`${env.baseUrl}/units`);
    await page.getByRole('button', { name: '新增单位' }).click();
    await field(page, '单位名称').fill(name);
    await field(page, '统一社会信用代码').fill(code);
    await expect.poll(() => page.locator('.ant-modal').getByText('校验位不符').count()).toBe(1);
    await choose(page, '单位类别', '非公企业');
    await choose(page, '代办处', '江北区');
    await field(page, '职工人数').fill('66');
    await screenshot(page, 'unit-create');
    await page
      .locator('.ant-modal-footer')
      .getByRole('button', { name: /保\s*存/ })
      .click();

    await expect.poll(() => page.getByTestId('unit-warnings').textContent()).toContain('CREDIT_CODE_CHECKSUM');
    await screenshot(page, 'unit-create-warning');
    await page.getByRole('button', { name: /知道了|确\s*定|OK/ }).click();
    await page.waitForURL(/\/units\/[^/?]+$/);
    await expect.poll(() => page.getByTestId('unit-name').textContent()).toBe(name);

    const stored = await json<PageOf<Unit>>(await api.get(`/units?q=${encodeURIComponent(name)}`));
    expect(stored.items[0]).toMatchObject({ creditCode: code, creditCodeChecksumValid: false, headcount: 66 });
    const audit = await json<PageOf<{ action: string }>>(
      await api.get(`/audit?objectId=${stored.items[0]!.id}&action=unit.credit_code_override`),
    );
    expect(audit.total).toBe(1);
    expect(errors).toEqual([]);
  });

  it('creates an agency staff user, who is stored with that agency', async () => {
    const page = await browser.open();
    await signIn(page, env.baseUrl, 'admin', env.password);
    const api = apiOf(page, env.baseUrl);
    const username = `e2e${Date.now() % 1_000_000}`;
    await page.goto(`${env.baseUrl}/users`);
    await page.locator('.ant-table-row').first().waitFor();
    await screenshot(page, 'users');
    await page.getByRole('button', { name: '新增用户' }).click();
    await field(page, '用户名').fill(username);
    await field(page, '姓名').fill('端到端测试员');
    await choose(page, '角色', '代办处经办人');
    await choose(page, '代办处', '万州区');
    await field(page, '密码').fill('Wanzhou-Tour-2025');
    await screenshot(page, 'user-create');
    await page
      .locator('.ant-modal-footer')
      .getByRole('button', { name: /保\s*存/ })
      .click();
    await expect.poll(() => page.getByText('用户已创建').count()).toBe(1);

    const agencies = (await json<{ items: Agency[] }>(await api.get('/agencies'))).items;
    const users = await json<PageOf<User>>(await api.get(`/users?q=${username}`));
    expect(users.items[0]).toMatchObject({
      username,
      role: 'agency_staff',
      agencyId: agencies.find((a) => a.name === '万州区')!.id,
    });
  });

  it('creates an API token shown exactly once, then revokes it', async () => {
    const page = await browser.open();
    await signIn(page, env.baseUrl, 'admin', env.password);
    const api = apiOf(page, env.baseUrl);
    const name = `对接测试${Date.now() % 100_000}`;
    await page.goto(`${env.baseUrl}/api-tokens`);
    await page.getByRole('button', { name: '新建令牌' }).click();
    await field(page, '名称').fill(name);
    await choose(page, '角色', '办事处审核员');
    await page
      .locator('.ant-modal-footer')
      .getByRole('button', { name: /保\s*存/ })
      .click();
    await page.getByTestId('created-token').waitFor();
    const token = ((await page.getByTestId('created-token').textContent()) ?? '').trim();
    expect(token).toMatch(/^hz_/);
    await screenshot(page, 'api-token-created');

    // The token works as a bearer credential, and the list never shows it again.
    const viaToken = await page.request.get(`${env.baseUrl}/api/v1/agencies`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(viaToken.status()).toBe(200);
    await page.getByRole('button', { name: '我已保存' }).click();
    expect(await page.locator('.ant-table').textContent()).not.toContain(token);

    const row = page.locator('.ant-table-row', { hasText: name });
    await row.getByRole('button', { name: '吊销' }).click();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /确\s*定/ })
      .click();
    await expect.poll(() => row.locator('.ant-tag', { hasText: '已吊销' }).count()).toBe(1);
    await screenshot(page, 'api-tokens');
    const tokens = (await json<{ items: { name: string; revokedAt: string | null }[] }>(await api.get('/api-tokens')))
      .items;
    expect(tokens.find((t) => t.name === name)?.revokedAt).not.toBeNull();
    const afterRevoke = await page.request.get(`${env.baseUrl}/api/v1/agencies`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(afterRevoke.status()).toBe(401);
  });

  it('the audit log shows a recorded change with its before/after on expansion', async () => {
    const page = await browser.open();
    const session = await signIn(page, env.baseUrl, 'admin', env.password);
    const api = apiOf(page, env.baseUrl, session.csrfToken);
    const member = (await json<PageOf<{ id: string }>>(await api.get('/members?pageSize=1'))).items[0]!;
    await json(await api.post(`/members/${member.id}/reveal`));
    await page.goto(`${env.baseUrl}/audit?action=member.reveal_id&objectId=${member.id}`);
    await page.locator('.ant-table-row').first().waitFor();
    expect(await page.locator('.ant-table-row').first().textContent()).toContain('查看完整身份证号');
    await page.locator('.ant-table-row-expand-icon').first().click();
    await expect.poll(() => page.locator('.json-block').count()).toBeGreaterThan(0);
    await screenshot(page, 'audit');
  });
});
