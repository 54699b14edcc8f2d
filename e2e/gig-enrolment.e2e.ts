import fs from 'node:fs';
import path from 'node:path';
import { idCheckChar, maskMobile, type SmsOutboxPageView } from '@huzhu/core';
import type { BrowserContext, Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { artifactsDir, launchChromium, screenshot, watchPageErrors } from './support/chromium.ts';
import { apiOf, json, signIn } from './support/session.ts';
import { env, skipTier, useBrowser } from './support/suite.ts';

/** A rider scans a station's poster and is covered by GIG on their own phone: taps counted, time measured. */
describe.skipIf(skipTier)('gig self-enrolment on a phone (375 × 812)', () => {
  const browser = useBrowser();

  it('channel URL → SMS sign-in → real name → GIG → demo cashier → covered in ≤ 12 taps; the channel report counts it', async () => {
    const adminPage = await browser.open();
    const admin = await signIn(adminPage, env.baseUrl, 'admin', env.password);
    const adminApi = apiOf(adminPage, env.baseUrl, admin.csrfToken);
    const channel = await json<{ id: string; code: string; url: string }>(
      await adminApi.post('/channels', { name: '观音桥骑手驿站', kind: 'station' }),
    );
    const first17 = `500105199203${String(10 + (Date.now() % 18)).padStart(2, '0')}${String(Date.now() % 1000).padStart(3, '0')}`;
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
      const started = Date.now();
      await page.goto(`${env.baseUrl}/m/?c=${channel.code}`);
      await page.getByRole('heading', { name: '观音桥骑手驿站' }).waitFor();
      await screenshot(page, 'gig-01-landing');
      const photo = await page.screenshot({ type: 'jpeg', quality: 80 });
      await tap(page.getByTestId('enrol-GIG'));
      await page.getByRole('heading', { name: '手机号登录' }).waitFor();
      const mobile = `138${String(Date.now()).slice(-8)}`;
      await page.getByRole('textbox', { name: '手机号', exact: true }).fill(mobile);
      await tap(page.getByRole('button', { name: '获取验证码' }));
      await page.getByText(/秒后重发/).waitFor();
      const outbox = await json<SmsOutboxPageView>(await adminApi.get('/sms-outbox?pageSize=50'));
      const text =
        outbox.items.find((m) => m.template === 'login_code' && m.toMasked === maskMobile(mobile))?.text ?? '';
      const code = /(\d{6})/.exec(text)?.[1];
      expect(code, text).toBeTruthy();
      await page.getByRole('textbox', { name: '验证码', exact: true }).fill(code!);
      await screenshot(page, 'gig-02-login');
      await tap(page.getByRole('button', { name: '登录' }));
      await page.getByRole('heading', { name: '核实本人身份' }).waitFor();
      await page.getByRole('textbox', { name: '姓名', exact: true }).fill('骑手张');
      await page.getByRole('textbox', { name: '身份证号', exact: true }).fill(idNumber);
      await screenshot(page, 'gig-03-real-name');
      await tap(page.getByRole('button', { name: '下一步：人脸核验' }));
      await page.getByRole('heading', { name: '拍一张本人正脸照片' }).waitFor();
      const chooser = page.waitForEvent('filechooser');
      await tap(page.getByRole('button', { name: '打开相机', exact: true }));
      await (await chooser).setFiles({ name: 'face.jpg', mimeType: 'image/jpeg', buffer: photo });
      await page.getByText('认证成功').waitFor();
      await screenshot(page, 'gig-04-verified');
      await tap(page.getByRole('button', { name: '继续参保' }));
      await page.getByTestId('gig-order').waitFor();
      await screenshot(page, 'gig-05-order');
      await tap(page.getByTestId('gig-order'));
      await page.getByTestId('demo-pay').waitFor();
      await screenshot(page, 'gig-06-cashier');
      await tap(page.getByTestId('demo-pay'));
      await page.getByText('参保成功').waitFor();
      const seconds = (Date.now() - started) / 1000;
      await screenshot(page, 'gig-07-covered');
      expect(taps).toBeLessThanOrEqual(12);
      expect(errors).toEqual([]);
      fs.writeFileSync(
        path.join(artifactsDir, 'gig-enrolment-taps.json'),
        JSON.stringify({ taps, seconds: Math.round(seconds * 10) / 10 }, null, 2),
      );

      const report = await json<{ rows: { channelId: string; paid: number; registrations: number }[] }>(
        await adminApi.get('/reports/channels?from=2020-01-01&to=2030-12-31'),
      );
      expect(report.rows.find((r) => r.channelId === channel.id)).toMatchObject({ paid: 1, registrations: 1 });

      // The console's 渠道分析 counts it: today's stations, per channel (the busiest first), with the funnel drawn.
      const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
      await adminPage.goto(`${env.baseUrl}/reports/channels?from=${today}&to=${today}&kind=station&groupBy=channel`);
      const groupRow = adminPage.getByTestId('channel-group-table').getByRole('row', { name: /观音桥骑手驿站/ });
      // The first visit loads the report's chunk and the chart library: give a busy machine time.
      await groupRow.waitFor({ timeout: 45_000 });
      await expect
        .poll(() => groupRow.getByRole('cell').allInnerTexts())
        .toEqual(['观音桥骑手驿站', '1', '1', '1', '1', '1', '0', '30.00', '100.0%']);
      await adminPage.getByTestId('channel-funnel').locator('canvas').waitFor();
      await screenshot(adminPage, 'gig-08-channel-report');

      // The clerk's on-site queue on a phone: the channel's QR code and the rider, paid.
      const clerkPage = await phone.newPage();
      await signIn(clerkPage, env.baseUrl, 'admin', env.password);
      await clerkPage.goto(`${env.baseUrl}/queue/${channel.id}`);
      await clerkPage.getByTestId('queue-qr').waitFor({ timeout: 45_000 });
      await expect.poll(() => clerkPage.getByTestId('queue-list').getByText('已支付').count()).toBeGreaterThan(0);
      expect(await clerkPage.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      await screenshot(clerkPage, 'gig-09-queue');
    } finally {
      await phone?.close();
      await phoneBrowser.close();
    }
  }, 180_000);
});
