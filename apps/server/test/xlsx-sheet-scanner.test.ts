import { describe, expect, it } from 'vitest';
import { createSheetScanner, type XlsxRow } from '../src/adapters/xlsx-sheet-scanner.ts';

/** Scans `xml` cut into pieces of `size` characters, as inflated chunks arrive. */
function scan(xml: string, size = 7, shared: string[] = []): XlsxRow[] {
  const rows: XlsxRow[] = [];
  const scanner = createSheetScanner(shared, (r) => rows.push(r));
  for (let i = 0; i < xml.length; i += size) scanner.write(xml.slice(i, i + size));
  scanner.end();
  return rows;
}

const sheet = (rows: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\r\n<worksheet><sheetData>${rows}</sheetData></worksheet>`;

describe('xlsx sheet scanner', () => {
  it('reads cells of every kind, whatever the chunk size', () => {
    const xml = sheet(
      '<row r="2" spans="1:4"><c r="A2" t="s"><v>1</v></c><c r="B2" t="inlineStr"><is><r><t xml:space="preserve"> 富 </t></r><r><t>文本</t></r></is></c>' +
        '<c r="D2" s="3"><v>1.50</v></c></row><row r="3"/>' +
        '<row r="5"><c r="A5" t="b"><v>1</v></c><c r="B5" t="e"><v>#N/A</v></c><c r="C5" t="str"><v>a &amp; &lt;b&gt; &#x4E2D;&#20013;</v></c><c r="D5" s="1"/></row>',
    );
    const expected = [
      { row: 2, values: ['乙', '富 文本', '', '1.5'] },
      { row: 3, values: [] },
      { row: 5, values: ['true', '', 'a & <b> 中中', ''] },
    ];
    for (const size of [1, 3, 64, 10_000]) expect(scan(xml, size, ['甲', '乙'])).toEqual(expected);
  });

  it('takes namespace prefixes, spaced and single-quoted attributes, comments and line ends inside cells', () => {
    const xml =
      '<x:worksheet xmlns:x="urn:x"><!-- a > b --><x:sheetData><x:row  r = "1" >' +
      '<x:c t = \'inlineStr\'><x:is><x:t>一\r\n二</x:t></x:is></x:c><x:c r="C1"><x:v>7</x:v></x:c></x:row></x:sheetData></x:worksheet>';
    expect(scan(xml)).toEqual([{ row: 1, values: ['一\n二', '', '7'] }]);
  });

  it.each([
    ['tags that do not nest', '<worksheet><row r="1"><c><v>1</c></v></row></worksheet>'],
    ['a sheet cut short', '<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row>'],
    ['an unknown entity', '<worksheet><row r="1"><c t="inlineStr"><is><t>a&nbsp;b</t></is></c></row></worksheet>'],
    ['a bare ampersand', '<worksheet><row r="1"><c t="inlineStr"><is><t>a & b</t></is></c></row></worksheet>'],
    ['an unquoted attribute', '<worksheet><row r=1></row></worksheet>'],
    ['no XML at all', 'PK not a sheet'],
  ])('refuses %s as FILE_UNREADABLE', (_label, xml) => {
    expect(() => scan(xml)).toThrow(expect.objectContaining({ code: 'FILE_UNREADABLE' }));
  });
});
