import fs from 'node:fs';
import * as XLSX from '@e965/xlsx';
import { openSheet } from './src/adapters/spreadsheet.ts';
const N = Number(process.argv[2] ?? 20000);
const header = ['姓名', '身份证号', '手机号', '参保份数', '人员类别', '是否参加职工医保'];
const rows: (string | number)[][] = [header];
for (let r = 0; r < N; r++) rows.push([`张${String.fromCharCode(0x4e00 + (r % 2000))}`, `5001031985${String(r).padStart(8, '0')}`, `138${String(r).padStart(8, '0')}`, 1, '在职职工', '是']);
const wb = XLSX.utils.book_new();
XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), '名册');
for (const kind of ['biff8', 'ods'] as const) {
  let t0 = performance.now();
  const buf = XLSX.write(wb, { type: 'buffer', bookType: kind }) as Buffer;
  console.log(kind, 'write ms', Math.round(performance.now() - t0));
  const file = `/tmp/hu/big.${kind === 'biff8' ? 'xls' : 'ods'}`;
  fs.writeFileSync(file, buf);
  t0 = performance.now();
  XLSX.read(buf, { type: 'buffer', dense: true });
  console.log(kind, 'plain read ms', Math.round(performance.now() - t0));
  const m0 = process.memoryUsage().rss;
  t0 = performance.now();
  const sheet = await openSheet(file, file, { maxRows: 100_000 });
  let n = 0;
  for await (const b of sheet.batches) n += b.length;
  console.log(kind, 'MB', (buf.length / 1e6).toFixed(1), 'rows', n, 'openSheet ms', Math.round(performance.now() - t0), 'rss after MB', ((process.memoryUsage().rss) / 1e6).toFixed(0), 'before', (m0/1e6).toFixed(0));
  fs.rmSync(file);
}
