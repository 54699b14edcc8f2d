import { staffEndpoints } from '@huzhu/core';
import type { BrowserContext } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { pickOption } from './support/antd.ts';
import { memberClientOf, staffClientOf } from './support/api-client.ts';
import { launchChromium, screenshot, watchPageErrors } from './support/chromium.ts';
import { signIn } from './support/session.ts';
import { env, skipTier, useBrowser } from './support/suite.ts';

describe.skipIf(skipTier)('政策问答: the office writes it in the console, members search it on the phone', () => {
  const browser = useBrowser();

  it('the admin creates a draft, edits and publishes it; it appears in the member app’s search at 375 × 812', async () => {
    // A question no seeded entry asks, so the search finds this one entry only.
    const stamp = String(Date.now()).slice(-6);
    const draft = `灵活就业人员断缴后怎样补缴${stamp}？`;
    const question = `灵活就业人员断缴后能否补缴${stamp}？`;
    const answer = '断缴未满三个月的，可在所在单位工会补缴后继续参保；等待期自补缴次日重新计算。';

    const page = await browser.open();
    const errors = watchPageErrors(page);
    const admin = await signIn(page, env.baseUrl, 'admin', env.password);
    const api = staffClientOf(page, env.baseUrl, admin.csrfToken);
    const before = await api.call(staffEndpoints.faqEntries);
    const members = memberClientOf(env.baseUrl);

    // 1. Create a draft (未发布) in the console.
    await page.goto(`${env.baseUrl}/faq`);
    await expect.poll(() => page.getByTestId('faq-table').locator('.ant-table-row').count()).toBe(before.length);
    await screenshot(page, 'faq-01-console-list');
    await page.getByTestId('faq-new').click();
    const modal = page.locator('.ant-modal');
    await page.getByTestId('faq-question').fill(draft);
    await page.getByTestId('faq-answer').fill(answer);
    await pickOption(page, modal.locator('.ant-select'), '参保缴费');
    await screenshot(page, 'faq-02-console-new');
    await modal.getByRole('button', { name: /确\s*定|OK/ }).click();
    await page.getByText('已保存').first().waitFor();
    const row = page.getByTestId('faq-table').locator('.ant-table-row', { hasText: draft });
    await row.waitFor();
    expect(await row.textContent()).toContain('未发布');
    const created = (await api.call(staffEndpoints.faqEntries)).find((f) => f.question === draft);
    expect(created).toMatchObject({ category: 'enrolment', published: false, answer });
    // A draft is not shown to members.
    expect(await members.faq(stamp)).toEqual([]);

    // 2. Edit the question and publish it.
    await row.getByRole('button', { name: draft }).click();
    await expect.poll(() => page.getByTestId('faq-question').inputValue()).toBe(draft);
    await page.getByTestId('faq-question').fill(question);
    await page.getByTestId('faq-published').click();
    await screenshot(page, 'faq-03-console-edit');
    await modal.getByRole('button', { name: /确\s*定|OK/ }).click();
    const published = page.getByTestId('faq-table').locator('.ant-table-row', { hasText: question });
    await expect.poll(() => published.textContent()).toContain('已发布');
    await screenshot(page, 'faq-04-console-published');
    const stored = (await api.call(staffEndpoints.faqEntries)).find((f) => f.id === created!.id);
    expect(stored).toMatchObject({ question, published: true, category: 'enrolment' });
    expect((await members.faq(stamp)).map((f) => f.id)).toEqual([created!.id]);

    // 3. On the phone: 政策问答, search, open the answer.
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
      const m = await phone.newPage();
      const phoneErrors = watchPageErrors(m);
      await m.goto(`${env.baseUrl}/m/#/faq`);
      await m.locator('.adm-nav-bar', { hasText: '政策问答' }).waitFor();
      await m.locator('.adm-collapse-panel-header').first().waitFor();
      await screenshot(m, 'faq-05-phone-list');
      await m.getByPlaceholder('搜索问题，如：外地就医').fill(`补缴${stamp}`);
      const panel = m.locator('.adm-collapse-panel-header', { hasText: question });
      await panel.waitFor();
      await expect.poll(() => m.locator('.adm-collapse-panel-header').count()).toBe(1);
      expect(await panel.textContent()).toContain('参保缴费');
      await panel.tap();
      await m.getByText(answer).waitFor();
      await screenshot(m, 'faq-06-phone-search');
      // The draft's wording is gone: a search for it finds nothing.
      await m.getByPlaceholder('搜索问题，如：外地就医').fill(`怎样补缴${stamp}`);
      await m.getByText('没有找到相关问题').waitFor();
      await screenshot(m, 'faq-07-phone-no-match');
      expect(phoneErrors).toEqual([]);
    } finally {
      await phone?.close();
      await phoneBrowser.close();
    }
    expect(errors).toEqual([]);
  });
});
