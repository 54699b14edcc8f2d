import fs from 'node:fs';
import path from 'node:path';
import { maskMobile, type SmsOutboxPageView } from '@huzhu/core';
import type { BrowserContext, Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { artifactsDir, launchChromium, screenshot, watchPageErrors } from './support/chromium.ts';
import { enrolInMed } from './support/claims-setup.ts';
import { chinaToday } from './support/roster.ts';
import { apiOf, json, signIn } from './support/session.ts';
import { env, skipTier, useBrowser } from './support/suite.ts';

/** WeChat's in-app browser on an Android phone: the user agent the member app must work in. */
const WECHAT_UA =
  'Mozilla/5.0 (Linux; Android 13; V2203A Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) ' +
  'Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160065 MMWEBSDK/20231202 MicroMessenger/8.0.47.2560(0x28002F30) ' +
  'WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64';

/** Taps per journey, written to e2e/artifacts/member-app-taps.json (docs/member-app.md quotes them). */
const taps: Record<string, number> = {};
let journey = '';
const tap = async (l: Locator) => {
  taps[journey] = (taps[journey] ?? 0) + 1;
  await l.tap();
};

describe.skipIf(skipTier)('member app on a phone (375 × 812, WeChat browser)', () => {
  const browser = useBrowser();

  it('sign in by SMS → real name with the camera → my cover → certificate → claim with three photos → reviewer decides → 已核准', async () => {
    // A 江北区 employee covered by MED through unit1's roster (from today; accidents have no waiting period).
    const name = '邱德明';
    const { memberId } = await enrolInMed(browser.open, name, '19870303');
    const adminPage = await browser.open();
    const admin = await signIn(adminPage, env.baseUrl, 'admin', env.password);
    const adminApi = apiOf(adminPage, env.baseUrl, admin.csrfToken);
    const { idNumber } = await json<{ idNumber: string }>(await adminApi.post(`/members/${memberId}/reveal`, {}));

    const phoneBrowser = await launchChromium();
    let phone: BrowserContext | undefined;
    try {
      phone = await phoneBrowser.newContext({
        viewport: { width: 375, height: 812 },
        deviceScaleFactor: 2,
        isMobile: true,
        hasTouch: true,
        userAgent: WECHAT_UA,
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
      });
      phone.setDefaultTimeout(15_000);
      const page = await phone.newPage();
      const errors = watchPageErrors(page);
      // 1. Sign in by SMS code (the code is read from the SMS records, as the demo shows it).
      journey = 'sign-in';
      await page.goto(`${env.baseUrl}/m/`);
      await page.getByText('重庆职工互助保障').first().waitFor();
      await screenshot(page, 'm-01-home');
      // A real camera photo stands in for the camera: Chromium's own JPEG of the page it shows.
      const photo = await page.screenshot({ type: 'jpeg', quality: 80 });
      await tap(page.locator('.adm-tab-bar-item', { hasText: '我的保障' }));
      await page.getByRole('heading', { name: '手机号登录' }).waitFor();
      const mobile = `139${String(Date.now()).slice(-8)}`;
      await tap(page.getByRole('textbox', { name: '手机号', exact: true }));
      await page.getByRole('textbox', { name: '手机号', exact: true }).fill(mobile);
      await tap(page.getByRole('button', { name: '获取验证码' }));
      await page.getByText(/秒后重发/).waitFor();
      const outbox = await json<SmsOutboxPageView>(await adminApi.get('/sms-outbox?pageSize=50'));
      const text =
        outbox.items.find((m) => m.template === 'login_code' && m.toMasked === maskMobile(mobile))?.text ?? '';
      const code = /(\d{6})/.exec(text)?.[1];
      expect(code, text).toBeTruthy();
      await tap(page.getByRole('textbox', { name: '验证码', exact: true }));
      await page.getByRole('textbox', { name: '验证码', exact: true }).fill(code!);
      await screenshot(page, 'm-02-login');
      await tap(page.getByRole('button', { name: '登录' }));

      // 2. Real name: name + ID number, then the camera step.
      journey = 'real-name';
      await page.getByRole('heading', { name: '核实本人身份' }).waitFor();
      await tap(page.getByRole('textbox', { name: '姓名', exact: true }));
      await page.getByRole('textbox', { name: '姓名', exact: true }).fill(name);
      await tap(page.getByRole('textbox', { name: '身份证号', exact: true }));
      await page.getByRole('textbox', { name: '身份证号', exact: true }).fill(idNumber);
      await screenshot(page, 'm-03-real-name');
      await tap(page.getByRole('button', { name: '下一步：人脸核验' }));
      await page.getByRole('heading', { name: '拍一张本人正脸照片' }).waitFor();
      await screenshot(page, 'm-04-face');
      const chooser = page.waitForEvent('filechooser');
      await tap(page.getByRole('button', { name: '打开相机', exact: true }));
      await (await chooser).setFiles({ name: 'face.jpg', mimeType: 'image/jpeg', buffer: photo });
      await page.getByText('认证成功').waitFor();
      expect(await page.getByText('已关联您在单位参保的记录').count()).toBe(1);
      await screenshot(page, 'm-05-verified');

      // 3. My cover: the unit's MED policy at once; 4. its certificate full screen.
      journey = 'cover-certificate';
      await tap(page.getByRole('button', { name: '查看我的保障' }));
      const card = page.locator('.card.policy').first();
      await card.waitFor();
      expect(await card.textContent()).toContain('单位参保');
      await screenshot(page, 'm-06-cover');
      await tap(card.getByRole('button', { name: /参保凭证/ }));
      await page.getByRole('img', { name: '验真二维码' }).waitFor();
      expect(await page.locator('.certificate').textContent()).toContain(name);
      expect(await page.locator('.certificate').textContent()).not.toContain(idNumber);
      await screenshot(page, 'm-07-certificate');

      // 5. File an accident inpatient claim with three photos taken by the camera.
      journey = 'file-claim';
      await tap(page.locator('.adm-nav-bar-back'));
      await tap(page.locator('.adm-tab-bar-item', { hasText: '申领' }));
      await tap(page.getByRole('button', { name: '申请互助金' }));
      await page.getByText('申领哪项保障').waitFor();
      await tap(page.locator('.adm-selector-item', { hasText: '住院' }).first());
      await tap(page.locator('.adm-selector-item', { hasText: '意外伤害' }));
      const today = chinaToday();
      await page.getByLabel('入院日期').fill(today);
      await page.getByLabel('出院日期').fill(today);
      await tap(page.getByRole('textbox', { name: '医疗费用总额', exact: true }));
      await page.getByRole('textbox', { name: '医疗费用总额', exact: true }).fill('12000');
      await tap(page.getByRole('textbox', { name: '个人自付', exact: true }));
      await page.getByRole('textbox', { name: '个人自付', exact: true }).fill('4000');
      await tap(page.getByRole('textbox', { name: '医院', exact: true }));
      await page.getByRole('textbox', { name: '医院', exact: true }).fill('重庆市急救医疗中心');
      for (const slot of [1, 2, 3]) {
        const fc = page.waitForEvent('filechooser');
        await tap(page.getByRole('button', { name: /^拍照：/ }).nth(slot - 1));
        await (await fc).setFiles({ name: `m${slot}.jpg`, mimeType: 'image/jpeg', buffer: photo });
        await page
          .locator('.slot')
          .nth(slot - 1)
          .locator('img')
          .waitFor();
      }
      await screenshot(page, 'm-08-claim-form');
      await tap(page.getByRole('button', { name: '提交申领' }));
      await page.getByText('办理进度').waitFor();
      await page.locator('.adm-toast-mask').waitFor({ state: 'detached' });
      expect(await page.getByTestId('claim-status').textContent()).toBe('已提交');
      expect(await page.locator('.assessment .lines li').count()).toBeGreaterThan(0);
      const claimId = /#\/claims\/([^/?]+)/.exec(page.url())?.[1];
      expect(claimId).toBeTruthy();
      await screenshot(page, 'm-09-claim-filed');

      // The claim is in the reviewer's console queue, marked 会员自助; the reviewer accepts and approves it there.
      const reviewerPage = await browser.open();
      await signIn(reviewerPage, env.baseUrl, 'reviewer', env.password);
      await reviewerPage.goto(`${env.baseUrl}/claims?status=submitted`);
      const row = reviewerPage.getByTestId('claims-table').locator('.ant-table-row', { hasText: name });
      await row.first().waitFor();
      expect(await row.first().getByTestId('claim-channel').textContent()).toBe('会员自助');
      await screenshot(reviewerPage, 'm-10-console-queue');
      await row.first().click();
      await reviewerPage.waitForURL(new RegExp(`/claims/${claimId}$`));
      await reviewerPage.getByTestId('claim-accept').click();
      await reviewerPage
        .locator('.ant-popconfirm')
        .getByRole('button', { name: /确\s*定/ })
        .click();
      await expect.poll(() => reviewerPage.getByTestId('claim-status').first().textContent()).toBe('已受理');
      await reviewerPage.getByTestId('claim-decide').click();
      await reviewerPage
        .locator('.ant-modal-footer')
        .getByRole('button', { name: /确\s*定/ })
        .click();
      await expect.poll(() => reviewerPage.getByTestId('claim-status').first().textContent()).toBe('已核准');
      await screenshot(reviewerPage, 'm-11-console-decided');

      // 6. The member sees 已核准 on the phone.
      journey = 'see-decision';
      await page.reload();
      await expect.poll(() => page.getByTestId('claim-status').textContent()).toBe('已核准');
      await screenshot(page, 'm-12-claim-approved');
      expect(errors).toEqual([]);
      fs.mkdirSync(artifactsDir, { recursive: true });
      fs.writeFileSync(path.join(artifactsDir, 'member-app-taps.json'), `${JSON.stringify(taps, null, 2)}\n`);
    } catch (e) {
      const open = phone?.pages() ?? [];
      await Promise.all(open.map((p, i) => screenshot(p, `failed-phone-${i}`).catch(() => undefined)));
      throw e;
    } finally {
      await phone?.close();
      await phoneBrowser.close();
    }
  }, 240_000);
});
