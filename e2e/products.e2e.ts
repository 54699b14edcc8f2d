import { staffEndpoints } from '@huzhu/core';
import { describe, expect, it } from 'vitest';
import { modalField } from './support/antd.ts';
import { screenshot, watchPageErrors } from './support/chromium.ts';
import { staffClientOf } from './support/api-client.ts';
import { signIn } from './support/session.ts';
import { env, skipTier, useBrowser } from './support/suite.ts';

describe.skipIf(skipTier)('products', () => {
  const browser = useBrowser();

  it('lists the catalogue and describes a product’s rules, diseases and versions in words', async () => {
    const page = await browser.open();
    const errors = watchPageErrors(page);
    await signIn(page, env.baseUrl, 'unit1', env.password);
    const stored = (await staffClientOf(page, env.baseUrl).call(staffEndpoints.products)).items;
    expect(stored.map((p) => p.code).sort()).toEqual(
      ['ALW', 'CI_A', 'CI_B', 'FEM', 'GIG', 'GIG_GIFT', 'MED', 'SHORT_ACC'].sort(),
    );

    await page.goto(`${env.baseUrl}/products`);
    await expect.poll(() => page.locator('.ant-table-row').count()).toBe(stored.length);
    const med = page.locator('.ant-table-row', { hasText: 'MED' });
    expect(await med.textContent()).toContain('¥100.00');
    expect(await med.textContent()).toContain('疾病 60 天 / 意外 0 天');
    await screenshot(page, 'products');

    await med.click();
    const benefits = page.getByTestId('product-benefits');
    await benefits.waitFor();
    expect(await benefits.textContent()).toContain(
      '按档累进：0–5,000 元 30%；5,000–10,000 元 35%；10,000–20,000 元 40%；20,000–30,000 元 45%；30,000 元以上 50%',
    );
    expect(await benefits.textContent()).toContain('身故给付 ¥60,000.00');
    expect(await page.getByTestId('product-params').textContent()).toContain('须参加职工医保是');
    // A unit agent reads products but does not publish them.
    expect(await page.getByRole('button', { name: '发布新版本' }).count()).toBe(0);
    await screenshot(page, 'product-detail-med');

    await page.goto(`${env.baseUrl}/products?code=FEM`);
    await expect.poll(() => page.getByTestId('product-diseases').locator('.ant-tag').count()).toBe(8);
    expect(await page.getByTestId('product-benefits').textContent()).toContain(
      '分段等待：第 1–30 天 每份 ¥0.00；第 31–60 天 每份 ¥500.00；此后按全额给付',
    );
    await screenshot(page, 'product-detail-fem');
    expect(errors).toEqual([]);
  });

  it('the office admin publishes a new version from the current values; the server’s refusal shows at the field', async () => {
    const page = await browser.open();
    const session = await signIn(page, env.baseUrl, 'admin', env.password);
    const api = staffClientOf(page, env.baseUrl, session.csrfToken);
    const shortAcc = () => api.call(staffEndpoints.product, { params: { code: 'SHORT_ACC' } });
    const before = await shortAcc();

    await page.goto(`${env.baseUrl}/products?code=SHORT_ACC`);
    await page.getByRole('button', { name: '发布新版本' }).click();
    await expect.poll(() => modalField(page, '每份费用（元）').inputValue()).toBe('5.00');
    expect(await modalField(page, '最多份数').inputValue()).toBe(String(before.maxShares));

    await modalField(page, '最少份数').fill('3');
    await page.locator('.ant-modal-footer').getByRole('button', { name: '发布新版本' }).click();
    const minMax = page.locator('.ant-modal .ant-form-item', { has: page.locator('label:text-is("最多份数")') });
    await expect.poll(() => minMax.locator('.ant-form-item-explain').textContent()).toBe('最少份数不能大于最多份数');
    await screenshot(page, 'product-publish-refused');
    expect((await shortAcc()).version).toBe(before.version);

    await modalField(page, '最少份数').fill('1');
    await modalField(page, '每份费用（元）').fill('6.5');
    await page.locator('.ant-modal-footer').getByRole('button', { name: '发布新版本' }).click();
    await expect.poll(() => page.getByText(`已发布第 ${before.version + 1} 版`).count()).toBe(1);
    await expect
      .poll(() => page.getByTestId('product-versions').locator('.ant-table-row').count())
      .toBe(before.version + 1);
    await page.getByTestId('product-versions').scrollIntoViewIfNeeded();
    await screenshot(page, 'product-versions');

    const after = await shortAcc();
    expect(after).toMatchObject({ version: before.version + 1, feePerShareFen: 650, minShares: 1 });
    // Benefits and diseases are carried over unchanged.
    expect(after.benefits).toEqual(before.benefits);
    expect(after.diseases).toEqual(before.diseases);
  });
});
