import { type EnrolmentStructure, formatCell, type Summary, structureColumns } from '@huzhu/core';
import ExcelJS from 'exceljs';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot, watchPageErrors } from './support/chromium.ts';
import { apiOf, json, signIn } from './support/session.ts';
import { env, skipTier, useBrowser } from './support/suite.ts';

/** The size of the canvas ECharts drew inside a chart element (0×0 when nothing was drawn). */
async function canvasSize(chart: Locator): Promise<{ width: number; height: number }> {
  const canvas = chart.locator('canvas').first();
  await canvas.waitFor();
  return canvas.evaluate((c: HTMLCanvasElement) => ({ width: c.clientWidth, height: c.clientHeight }));
}

/** A report table's header and body rows with its total row, as the user reads them. */
async function tableOnScreen(page: Page, testId: string) {
  const table = page.getByTestId(testId);
  await table.locator('.ant-table-row').first().waitFor();
  const header = (await table.locator('thead th').allTextContents()).map((s) => s.trim());
  const rows: string[][] = [];
  for (const tr of await table.locator('tr.ant-table-row, .ant-table-summary tr').all())
    rows.push((await tr.locator('td').allTextContents()).map((s) => s.trim()));
  return { header, rows };
}

/** A worksheet as the screen shows it: numbers formatted by the report's column kinds (money is yuan in Excel). */
function sheetAsText(ws: ExcelJS.Worksheet) {
  const values = (r: number) => (ws.getRow(r).values as unknown[]).slice(1);
  const header = values(1).map(String);
  const rows: string[][] = [];
  for (let r = 2; r <= ws.rowCount; r++)
    rows.push(
      structureColumns.map((c, i) => {
        const v = values(r)[i];
        if (v === null || v === undefined) return formatCell(c.kind, null);
        if (typeof v === 'number') return formatCell(c.kind, c.kind === 'fen' ? Math.round(v * 100) : v);
        return String(v);
      }),
    );
  return { header, rows };
}

describe.skipIf(skipTier)('reports', () => {
  const browser = useBrowser();

  it('the office dashboard shows the summary of the API and draws its charts', async () => {
    const page = await browser.open();
    const errors = watchPageErrors(page);
    await signIn(page, env.baseUrl, 'admin', env.password);
    const summary = await json<Summary>(await apiOf(page, env.baseUrl).get('/reports/summary'));
    expect(summary.activeMembers).toBeGreaterThan(0);

    await page.goto(`${env.baseUrl}/`);
    const expected: Record<string, string> = {
      unitsEver: formatCell('int', summary.unitsEver),
      membersEver: formatCell('int', summary.membersEver),
      activeUnits: formatCell('int', summary.activeUnits),
      activeMembers: formatCell('int', summary.activeMembers),
      shares: formatCell('int', summary.shares),
      contributions: formatCell('fen', summary.contributionsFen),
      claimsPaid: formatCell('fen', summary.claimsPaid.amountFen),
      reliefPaid: formatCell('fen', summary.reliefPaid.amountFen),
    };
    for (const [key, text] of Object.entries(expected))
      await expect
        .poll(() => page.getByTestId(`summary-${key}`).locator('.ant-statistic-content-value').textContent())
        .toBe(text);
    await expect
      .poll(() => page.getByTestId('summary-claimsPaid').textContent())
      .toContain(`${summary.claimsPaid.count} 笔`);

    for (const chart of ['chart-trends', 'chart-claims-paid', 'chart-coverage', 'chart-sla']) {
      const size = await canvasSize(page.getByTestId(chart));
      expect(size.width, chart).toBeGreaterThan(200);
      expect(size.height, chart).toBeGreaterThan(200);
    }
    await screenshot(page, 'reports-dashboard');
    expect(errors).toEqual([]);
  });

  it('jiangbei opens the structure table of 江北区 only and downloads the same table as xlsx', async () => {
    const page = await browser.open();
    const errors = watchPageErrors(page);
    const session = await signIn(page, env.baseUrl, 'jiangbei', env.password);
    const api = apiOf(page, env.baseUrl);
    const report = await json<EnrolmentStructure>(await api.get('/reports/enrolment-structure'));
    expect(report.agencyId).toBe(session.user.orgId);
    expect(report.rows.length).toBeGreaterThan(0);
    expect(new Set(report.rows.map((r) => r.agencyName))).toEqual(new Set(['江北区']));
    // Asking for another agency is answered as not found.
    expect((await api.get('/reports/enrolment-structure?agencyId=another-agency')).status()).toBe(404);

    await page.goto(`${env.baseUrl}/`);
    await page.locator('.ant-menu-item', { hasText: '入会结构分析表' }).click();
    await page.waitForURL(/\/reports\/enrolment-structure$/);
    // Agency staff have no agency to choose: theirs is shown, fixed.
    await expect.poll(() => page.getByTestId('report-agency-fixed').textContent()).toBe('江北区');
    expect(await page.getByTestId('report-agency').count()).toBe(0);

    const screen = await tableOnScreen(page, 'structure-table');
    expect(screen.header).toEqual(structureColumns.map((c) => c.zh));
    expect(screen.rows.length).toBe(report.rows.length + 1);
    // Every row but the total is 江北区's; the total row is the agency's total.
    expect(new Set(screen.rows.slice(0, -1).map((r) => r[0]))).toEqual(new Set(['江北区']));
    expect(screen.rows.at(-1)?.[0]).toBe('合计');
    expect(screen.rows.at(-1)?.[6]).toBe(formatCell('int', report.total.members));
    const size = await canvasSize(page.getByTestId('structure-chart'));
    expect(size.width).toBeGreaterThan(200);
    await screenshot(page, 'reports-structure-jiangbei');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-export').click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(await download.path());
    const sheet = wb.worksheets[0];
    expect(sheet).toBeDefined();
    expect(sheetAsText(sheet!)).toEqual(screen);
    expect(errors).toEqual([]);
  });

  it('admin opens every other report with its chart and table, and a campaign against its targets', async () => {
    const page = await browser.open();
    const errors = watchPageErrors(page);
    const session = await signIn(page, env.baseUrl, 'admin', env.password);
    const year = new Date().getFullYear();
    const created = await json<{ id: string }>(
      await apiOf(page, env.baseUrl, session.csrfToken).post('/reports/campaigns', {
        name: `${year}年扩面提质专项行动（e2e）`,
        startDate: `${year}-01-01`,
        endDate: `${year}-12-31`,
        agencyIds: [],
        targets: { units: 10, members: 200, contributionsFen: 2_000_000 },
      }),
    );
    const pages: [string, string, string, string][] = [
      ['/reports/claims-operations', 'claims-ops-chart', 'claims-ops-table', 'reports-claims-operations'],
      ['/reports/renewal', 'renewal-chart', 'renewal-table', 'reports-renewal'],
      ['/reports/fund-health', 'fund-chart', 'fund-table', 'reports-fund-health'],
      [`/reports/campaigns/${created.id}`, 'campaign-chart', 'campaign-table', 'reports-campaign'],
    ];
    for (const [path, chart, table, shot] of pages) {
      await page.goto(`${env.baseUrl}${path}`);
      await page.getByTestId(table).locator('.ant-table-summary, .ant-table-row').first().waitFor();
      const size = await canvasSize(page.getByTestId(chart));
      expect(size.width, path).toBeGreaterThan(200);
      expect(size.height, path).toBeGreaterThan(200);
      await screenshot(page, shot);
    }
    await expect.poll(() => page.getByTestId('campaign-progress-members').textContent()).toContain('目标 200');
    await page.goto(`${env.baseUrl}/reports/campaigns`);
    await page.getByTestId('campaigns-table').locator('.ant-table-row').first().waitFor();
    await screenshot(page, 'reports-campaigns');
    expect(errors).toEqual([]);
  });
});
