import { idCheckChar, maskMobile, type SmsOutboxPageView } from '@huzhu/core';
import type { BrowserContext, Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { launchChromium, screenshot, watchPageErrors } from './support/chromium.ts';
import { apiOf, json, signIn } from './support/session.ts';
import { env, skipTier, useBrowser } from './support/suite.ts';

const nextDay = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** 一键续保: a rider whose short-term cover ends within 30 days renews it from 我的保障 with one tap, continuously. */
describe.skipIf(skipTier)('gig renewal on a phone (375 × 812)', () => {
  const browser = useBrowser();

  it('SHORT_ACC bought → 我的保障 offers 一键续保 → renewed from the day after the end, no gap', async () => {
    const adminPage = await browser.open();
    const admin = await signIn(adminPage, env.baseUrl, 'admin', env.password);
    const adminApi = apiOf(adminPage, env.baseUrl, admin.csrfToken);
    const channel = await json<{ code: string }>(
      await adminApi.post('/channels', { name: '南坪快递驿站', kind: 'station' }),
    );
    const first17 = `500108199306${String(10 + (Date.now() % 18)).padStart(2, '0')}${String((Date.now() + 7) % 1000).padStart(3, '0')}`;
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
      const photo = await page.screenshot({ type: 'jpeg', quality: 80 });
      await page.getByTestId('enrol-SHORT_ACC').tap();
      await page.getByRole('heading', { name: '手机号登录' }).waitFor();
      const mobile = `139${String(Date.now()).slice(-8)}`;
      await page.getByRole('textbox', { name: '手机号', exact: true }).fill(mobile);
      await page.getByRole('button', { name: '获取验证码' }).tap();
      await page.getByText(/秒后重发/).waitFor();
      const outbox = await json<SmsOutboxPageView>(await adminApi.get('/sms-outbox?pageSize=50'));
      const code = /(\d{6})/.exec(
        outbox.items.find((m) => m.template === 'login_code' && m.toMasked === maskMobile(mobile))?.text ?? '',
      )?.[1];
      expect(code).toBeTruthy();
      await page.getByRole('textbox', { name: '验证码', exact: true }).fill(code!);
      await page.getByRole('button', { name: '登录' }).tap();
      await page.getByRole('heading', { name: '核实本人身份' }).waitFor();
      await page.getByRole('textbox', { name: '姓名', exact: true }).fill('快递员李');
      await page.getByRole('textbox', { name: '身份证号', exact: true }).fill(idNumber);
      await page.getByRole('button', { name: '下一步：人脸核验' }).tap();
      await page.getByRole('heading', { name: '拍一张本人正脸照片' }).waitFor();
      const chooser = page.waitForEvent('filechooser');
      await page.getByRole('button', { name: '打开相机', exact: true }).tap();
      await (await chooser).setFiles({ name: 'face.jpg', mimeType: 'image/jpeg', buffer: photo });
      await page.getByText('认证成功').waitFor();
      await page.getByRole('button', { name: '继续参保' }).tap();
      await page.getByTestId('gig-order').waitFor();
      await page.getByTestId('gig-order').tap();
      await page.getByTestId('demo-pay').tap();
      const first = page.getByText(/保障期间 \d{4}-\d{2}-\d{2} 至 \d{4}-\d{2}-\d{2}/);
      await first.waitFor();
      const [, firstStart, firstEnd] = /保障期间 (\S+) 至 (\S+)（/.exec(await first.innerText()) ?? [];
      // The product the landing's SHORT_ACC button chose: 30 days.
      expect((Date.parse(firstEnd!) - Date.parse(firstStart!)) / 86_400_000).toBe(29);

      // 我的保障: the 30-day cover ends within 30 days, so the renewal is offered at once, continuous.
      await page.goto(`${env.baseUrl}/m/#cover`);
      const offer = page.getByTestId('renewal-offer');
      await offer.waitFor();
      await expect.poll(() => offer.innerText()).toContain(`将于 ${firstEnd} 到期`);
      expect(await offer.innerText()).toContain(`续保后保障从 ${nextDay(firstEnd!)} 起连续，无等待期`);
      await screenshot(page, 'gig-renewal-01-offer');
      await tap(offer.getByTestId('renew'));
      await tap(page.getByTestId('demo-pay'));
      const second = page.getByText(/保障期间 \d{4}-\d{2}-\d{2} 至 \d{4}-\d{2}-\d{2}/);
      await second.waitFor();
      expect(await second.innerText()).toContain(`保障期间 ${nextDay(firstEnd!)} 至`);
      await screenshot(page, 'gig-renewal-02-renewed');
      // Two taps from 我的保障 to renewed; afterwards there is nothing left to renew.
      expect(taps).toBe(2);
      await page.goto(`${env.baseUrl}/m/#cover`);
      await page.getByText('短期意外互助保障').first().waitFor();
      await expect.poll(() => page.getByTestId('renewal-offer').count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await phone?.close();
      await phoneBrowser.close();
    }
  }, 180_000);
});
