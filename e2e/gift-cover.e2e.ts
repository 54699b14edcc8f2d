import { idCheckChar, maskMobile, type SmsOutboxPageView } from '@huzhu/core';
import type { BrowserContext, Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { launchChromium, screenshot, watchPageErrors } from './support/chromium.ts';
import { apiOf, json, signIn } from './support/session.ts';
import { env, skipTier, useBrowser } from './support/suite.ts';

/** A rider scans a station's poster, claims a sponsor's gift cover for free; the console's 赠险活动 page counts it. */
describe.skipIf(skipTier)('gift cover on a phone (375 × 812) and in the console', () => {
  const browser = useBrowser();

  it('channel URL → 免费领取 → SMS sign-in → real name → claimed with its certificate; the campaign shows 1 granted', async () => {
    const adminPage = await browser.open();
    const admin = await signIn(adminPage, env.baseUrl, 'admin', env.password);
    const adminApi = apiOf(adminPage, env.baseUrl, admin.csrfToken);
    const channel = await json<{ id: string; code: string }>(
      await adminApi.post('/channels', { name: '南坪快递驿站', kind: 'station' }),
    );
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const campaign = await json<{ id: string }>(
      await adminApi.post('/gift-campaigns', {
        name: '快递小哥暖心赠险',
        sponsor: '南岸区爱心企业',
        budgetCount: 5,
        startDate: today,
        endDate: '2099-12-31',
        eligibility: { employmentKinds: ['gig'] },
      }),
    );
    const first17 = `500108199305${String(10 + (Date.now() % 18)).padStart(2, '0')}${String(Date.now() % 1000).padStart(3, '0')}`;
    const idNumber = first17 + idCheckChar(first17);

    let taps = 0;
    const tap = async (l: Locator) => {
      taps += 1;
      await l.tap();
    };
    const phoneBrowser = await launchChromium();
    let phone: BrowserContext | undefined;
    try {
      phone = await phoneBrowser.newContext({
        viewport: { width: 375, height: 812 },
        deviceScaleFactor: 2,
        isMobile: true,
        hasTouch: true,
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
      });
      phone.setDefaultTimeout(15_000);
      const page = await phone.newPage();
      const errors = watchPageErrors(page);
      await page.goto(`${env.baseUrl}/m/?c=${channel.code}`);
      await page.getByRole('heading', { name: '南坪快递驿站' }).waitFor();
      await page.getByText('快递小哥暖心赠险（南岸区爱心企业）').waitFor();
      await screenshot(page, 'gift-01-landing');
      const photo = await page.screenshot({ type: 'jpeg', quality: 80 });
      await tap(page.getByTestId(`gift-${campaign.id}`));
      await page.getByRole('heading', { name: '手机号登录' }).waitFor();
      const mobile = `139${String(Date.now()).slice(-8)}`;
      await page.getByRole('textbox', { name: '手机号', exact: true }).fill(mobile);
      await tap(page.getByRole('button', { name: '获取验证码' }));
      await page.getByText(/秒后重发/).waitFor();
      const outbox = await json<SmsOutboxPageView>(await adminApi.get('/sms-outbox?pageSize=50'));
      const text =
        outbox.items.find((m) => m.template === 'login_code' && m.toMasked === maskMobile(mobile))?.text ?? '';
      const code = /(\d{6})/.exec(text)?.[1];
      expect(code, text).toBeTruthy();
      await page.getByRole('textbox', { name: '验证码', exact: true }).fill(code!);
      await tap(page.getByRole('button', { name: '登录' }));
      await page.getByRole('heading', { name: '核实本人身份' }).waitFor();
      await page.getByRole('textbox', { name: '姓名', exact: true }).fill('快递员李');
      await page.getByRole('textbox', { name: '身份证号', exact: true }).fill(idNumber);
      await tap(page.getByRole('button', { name: '下一步：人脸核验' }));
      await page.getByRole('heading', { name: '拍一张本人正脸照片' }).waitFor();
      const chooser = page.waitForEvent('filechooser');
      await tap(page.getByRole('button', { name: '打开相机', exact: true }));
      await (await chooser).setFiles({ name: 'face.jpg', mimeType: 'image/jpeg', buffer: photo });
      await page.getByText('认证成功').waitFor();
      await tap(page.getByRole('button', { name: '继续参保' }));
      await page.getByTestId('gift-claim').waitFor();
      await screenshot(page, 'gift-02-claim');
      await tap(page.getByTestId('gift-claim'));
      await page.getByText('领取成功').waitFor();
      await screenshot(page, 'gift-03-claimed');
      await tap(page.getByTestId('gift-certificate'));
      await page.getByText('新业态劳动者赠送意外互助保障').first().waitFor();
      await screenshot(page, 'gift-04-certificate');
      expect(taps).toBeLessThanOrEqual(12);
      expect(errors).toEqual([]);
    } finally {
      await phone?.close();
      await phoneBrowser.close();
    }

    // The console: the campaign with its one gift granted.
    await adminPage.goto(`${env.baseUrl}/gift-campaigns?q=${encodeURIComponent('快递小哥暖心赠险')}`);
    const row = adminPage.locator('.ant-table-row', { hasText: '快递小哥暖心赠险' });
    await row.waitFor();
    expect(await row.textContent()).toContain('1 / 5');
    await screenshot(adminPage, 'gift-05-console');
  }, 180_000);
});
