import { creditCodeCheckChar, type Unit } from '@huzhu/core';
import { describe, expect, it } from 'vitest';
import { screenshot } from './support/chromium.ts';
import { apiOf, json, type PageOf, signIn } from './support/session.ts';
import { env, skipTier, useBrowser } from './support/suite.ts';

const HEADER = '单位名称,统一社会信用代码,单位类别,所属行业,代办处,职工人数,女职工人数,联系人,联系电话,备注';

function creditCode(serial: number, valid = true): string {
  const body = `915001057${String(serial).padStart(8, '0')}`;
  const check = creditCodeCheckChar(body);
  return body + (valid ? check : check === '0' ? '1' : '0');
}

describe.skipIf(skipTier)('registry import', () => {
  const browser = useBrowser();

  it('uploads a registry with real progress, then shows the summary and the row report filterable by severity', async () => {
    const page = await browser.open();
    await signIn(page, env.baseUrl, 'admin', env.password);
    const api = apiOf(page, env.baseUrl);
    const template = await api.get('/registry-imports/template');
    expect(template.status()).toBe(200);
    expect(template.headers()['content-type']).toContain('spreadsheetml');

    const stamp = Date.now() % 100_000_000;
    const newName = `重庆端到端测试机械有限公司${stamp}`;
    const warnName = `重庆端到端测试物流有限公司${stamp}`;
    // The ignored 备注 column makes the file large enough for the throttled upload to show its progress bar.
    const note = '备'.repeat(20_000);
    const csv = [
      HEADER,
      `${newName},${creditCode(stamp)},非公企业,制造业,江北区,120,40,王芳,13800138000,${note}`,
      `${warnName},${creditCode(stamp + 1, false)},国有企业,物流,万州区,80,,李强,,${note}`,
      `重庆端到端测试错误单位${stamp},${creditCode(stamp + 2)},不存在的类别,制造业,江北区,50,10,,,${note}`,
    ].join('\n');

    await page.goto(`${env.baseUrl}/registry-import`);
    await page.getByText('点击或拖拽文件到此处上传').waitFor();
    await screenshot(page, 'registry-import');

    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 20,
      downloadThroughput: -1,
      uploadThroughput: 40 * 1024,
    });
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: '工会组织名册.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await page.getByTestId('import-progress').waitFor();
    await screenshot(page, 'registry-import-progress');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });

    await page.getByTestId('import-result').waitFor();
    const result = page.getByTestId('import-result');
    expect(await result.textContent()).toContain('导入完成，部分行未导入');
    const stats = await page.locator('.ant-statistic-content-value').allTextContents();
    expect(stats).toEqual(['3', '2', '0', '1']);
    expect(await page.locator('.ant-table-row').count()).toBe(2);
    await screenshot(page, 'registry-import-result');

    await page.getByTestId('severity-filter').getByText(/^错误/).click();
    await expect.poll(() => page.locator('.ant-table-row').count()).toBe(1);
    const errorRow = (await page.locator('.ant-table-row').first().textContent()) ?? '';
    expect(errorRow).toContain('CATEGORY_INVALID');
    expect(errorRow).toContain('单位类别不正确');
    await page.getByTestId('severity-filter').getByText(/^警告/).click();
    await expect.poll(() => page.locator('.ant-table-row').first().textContent()).toContain('CREDIT_CODE_CHECKSUM');

    const created = await json<PageOf<Unit>>(await api.get(`/units?q=${encodeURIComponent(newName)}`));
    expect(created.items.map((u) => u.agencyName)).toEqual(['江北区']);
    const warned = await json<PageOf<Unit>>(await api.get(`/units?q=${encodeURIComponent(warnName)}`));
    expect(warned.items[0]).toMatchObject({ agencyName: '万州区', creditCodeChecksumValid: false });
    const rejected = await json<PageOf<Unit>>(
      await api.get(`/units?q=${encodeURIComponent(`重庆端到端测试错误单位${stamp}`)}`),
    );
    expect(rejected.total).toBe(0);
  });

  it('an unreadable file gets one clear error and changes nothing', async () => {
    const page = await browser.open();
    await signIn(page, env.baseUrl, 'admin', env.password);
    const api = apiOf(page, env.baseUrl);
    const before = (await json<PageOf<Unit>>(await api.get('/units?pageSize=1'))).total;

    await page.goto(`${env.baseUrl}/registry-import`);
    await page.locator('input[type=file]').setInputFiles({
      name: '名册.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from('this is not a spreadsheet at all'),
    });
    await page.getByTestId('import-error').waitFor();
    expect(await page.getByTestId('import-error').textContent()).toMatch(/文件/);
    await screenshot(page, 'registry-import-unreadable');
    expect((await json<PageOf<Unit>>(await api.get('/units?pageSize=1'))).total).toBe(before);
  });
});
