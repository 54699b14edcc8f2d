import { maskName } from '@huzhu/core';
import { describe, expect, it } from 'vitest';
import { screenshot, watchPageErrors } from './support/chromium.ts';
import { enrolOnePerson } from './support/enrolment.ts';
import { json } from './support/session.ts';
import { env, skipTier, useBrowser } from './support/suite.ts';

interface CertificateView {
  verifyUrl: string;
  memberName: string;
  idNumberMasked: string;
  policy: { certificateCode: string; productName: string; startDate: string; endDate: string };
}

describe.skipIf(skipTier)('coverage certificate', () => {
  const browser = useBrowser();

  it('prints a certificate with its QR code, which opens the public check: genuine and in force; a forged code is not', async () => {
    const { unitPage: page, api, policy } = await enrolOnePerson(browser.open, '何雨桐', '19920815');
    const errors = watchPageErrors(page);
    const cert = await json<CertificateView>(await api.get(`/policies/${policy.id}/certificate`));
    expect(cert.verifyUrl).toBe(`${env.baseUrl}/m/#/verify/${policy.certificateCode}`);

    await page.goto(`${env.baseUrl}/certificates/${policy.id}`);
    const sheet = page.getByTestId('certificate');
    await sheet.waitFor();
    await expect.poll(() => sheet.textContent()).toContain('重庆办事处');
    const text = (await sheet.textContent()) ?? '';
    expect(text).toContain('职工互助保障参保凭证');
    expect(text).toContain(maskName('何雨桐'));
    expect(text).not.toContain('何雨桐');
    expect(text).toContain(cert.idNumberMasked);
    expect(text).toContain(cert.policy.productName);
    expect(text).toContain(`${policy.startDate} 至 ${policy.endDate}`);
    expect(text).toContain('扫码验真');
    expect(await page.getByTestId('certificate-code').textContent()).toBe(policy.certificateCode);
    const qr = page.getByTestId('certificate-qr');
    await expect.poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await screenshot(page, 'certificate');

    // Printed, the console's menu, header and buttons are gone: only the certificate is on paper.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.console-sider').isVisible()).toBe(false);
    expect(await page.locator('.console-header').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: '打印' }).isVisible()).toBe(false);
    expect(await sheet.isVisible()).toBe(true);
    await screenshot(page, 'certificate-print');
    await page.emulateMedia({ media: 'screen' });
    expect(errors).toEqual([]);

    // Scanning: the member app's public check (no sign-in) for this code, then for a forged one.
    const visitor = await browser.open();
    await visitor.goto(cert.verifyUrl);
    await expect.poll(() => visitor.locator('body').textContent(), { timeout: 10_000 }).toContain('凭证真实有效');
    const check = (await visitor.locator('body').textContent()) ?? '';
    // Paid yesterday for cover from today: the policy is in force and in its 90-day waiting period.
    expect(check).toContain('等待期内');
    expect(check).toContain(maskName('何雨桐'));
    expect(check).not.toContain('何雨桐');
    await screenshot(visitor, 'certificate-verify');

    await visitor.goto(`${env.baseUrl}/m/#/verify/FORGED${policy.certificateCode.slice(0, 6)}`);
    await expect.poll(() => visitor.locator('body').textContent(), { timeout: 10_000 }).toContain('未查到该凭证');
    await screenshot(visitor, 'certificate-verify-forged');
  });

  it('shows the enrolment screens in English: coverage, batch and certificate', async () => {
    const { unitPage: page, unitId, batch, policy } = await enrolOnePerson(browser.open, '钱思远', '19870420');
    await page.addInitScript(() => localStorage.setItem('huzhu.locale', 'en'));

    await page.goto(`${env.baseUrl}/units/${unitId}?tab=coverage`);
    await expect.poll(() => page.getByRole('tab', { name: 'Coverage' }).count()).toBe(1);
    await page.getByTestId('coverage-products').locator('.ant-table-row').first().waitFor();
    await screenshot(page, 'unit-coverage-en');

    await page.goto(`${env.baseUrl}/batches/${batch.id}`);
    await expect.poll(() => page.getByTestId('batch-status').first().textContent()).toBe('Effective');
    await screenshot(page, 'batch-detail-en');

    await page.goto(`${env.baseUrl}/certificates/${policy.id}`);
    await expect.poll(() => page.getByTestId('certificate').textContent()).toContain('Scan to verify');
    await screenshot(page, 'certificate-en');

    await page.goto(`${env.baseUrl}/products?code=MED`);
    await expect
      .poll(() => page.getByTestId('product-benefits').textContent())
      .toContain('Marginal bands: ¥0–5,000: 30%');
    await screenshot(page, 'product-detail-en');

    await page.goto(`${env.baseUrl}/enrol`);
    await expect
      .poll(() => page.locator('.ant-upload-text').textContent())
      .toContain('Choose the product and start date');
    await screenshot(page, 'enrol-en');
  });
});
