import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { openFirstSheet } from '../src/adapters/xlsx-reader.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'huzhu-xlsx-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗欧阳司马';

async function collect(file: string) {
  const rows = [];
  for await (const batch of (await openFirstSheet(file)).batches) rows.push(...batch);
  return rows;
}

describe('xlsx reader', () => {
  it.each([
    ['inline strings (streaming writer)', false],
    ['shared strings', true],
  ])('keeps every Chinese character intact across inflate chunk boundaries: %s', async (_l, useSharedStrings) => {
    const file = path.join(dir, `names-${useSharedStrings}.xlsx`);
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings });
    const ws = wb.addWorksheet('名册');
    ws.addRow(['姓名', '序号']).commit();
    const names: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      const name = `${surnames[i % surnames.length]}${'明华强军平芳娟敏静丽'[i % 10]}${'国建文'[i % 3]}${i}`;
      names.push(name);
      ws.addRow([name, i]).commit();
    }
    await wb.commit();
    const rows = await collect(file);
    expect(rows).toHaveLength(20_001);
    expect(rows[0]).toEqual({ row: 1, values: ['姓名', '序号'] });
    const bad = rows.slice(1).filter((r, i) => r.values[0] !== names[i] || r.values[1] !== String(i));
    expect(bad).toEqual([]);
  });

  it('reads formulas by their cached result, booleans, sparse cells and rich text', async () => {
    const file = path.join(dir, 'mixed.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('s');
    ws.getCell('A1').value = '甲';
    ws.getCell('C1').value = { formula: '1+1', result: 2 } as ExcelJS.CellFormulaValue;
    ws.getCell('A2').value = true;
    ws.getCell('B2').value = { richText: [{ text: '富' }, { text: '文本', font: { bold: true } }] };
    ws.getCell('D3').value = 12.5;
    await wb.xlsx.writeFile(file);
    const rows = await collect(file);
    expect(rows).toEqual([
      { row: 1, values: ['甲', '', '2'] },
      { row: 2, values: ['true', '富文本'] },
      { row: 3, values: ['', '', '', '12.5'] },
    ]);
  });

  it('refuses what is not an xlsx', async () => {
    const file = path.join(dir, 'not.xlsx');
    fs.writeFileSync(file, 'PK\x03\x04 not really a zip');
    await expect(openFirstSheet(file)).rejects.toMatchObject({ code: 'FILE_UNREADABLE' });
  });
});
