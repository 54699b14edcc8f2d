import QRCode from 'qrcode';

/**
 * The printable poster of a channel: one A4 page (595 × 842 pt) in PDF 1.4, written directly — the QR code drawn as
 * vector squares (sharp at any print size), the channel's name, its products and the URL, in Chinese through the
 * predefined Adobe CJK font STSong-Light with the UniGB-UCS2-H encoding (no font file embedded: every PDF reader
 * that handles Chinese carries it or a substitute). No new dependency beyond the QR encoder already used by the
 * certificate.
 */
export function channelPosterPdf(p: { title: string; name: string; lines: string[]; url: string }): Buffer {
  const qr = QRCode.create(p.url, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const side = 340;
  const cell = side / (n + 8);
  const x0 = (595 - side) / 2 + cell * 4;
  const y0 = 842 - 200 - side + cell * 4;
  const squares: string[] = [];
  for (let r = 0; r < n; r++)
    for (let c = 0; c < n; c++)
      if (qr.modules.get(r, c))
        squares.push(
          `${(x0 + c * cell).toFixed(2)} ${(y0 + (n - 1 - r) * cell).toFixed(2)} ${cell.toFixed(2)} ${cell.toFixed(2)} re`,
        );
  const hex = (s: string) => Buffer.from(s, 'utf16le').swap16().toString('hex').toUpperCase();
  const ascii = (s: string) => s.replace(/[\\()]/g, (ch) => `\\${ch}`);
  const text = (size: number, y: number, s: string, font = 'F1') => {
    const width = font === 'F1' ? [...s].length * size : s.length * size * 0.5;
    const x = Math.max(30, (595 - width) / 2);
    const body = font === 'F1' ? `<${hex(s)}>` : `(${ascii(s)})`;
    return `BT /${font} ${size} Tf ${x.toFixed(2)} ${y} Td ${body} Tj ET`;
  };
  const content = [
    text(30, 770, p.title),
    text(22, 725, p.name),
    `0 0 0 rg ${squares.join(' ')} f`,
    ...p.lines.map((l, i) => text(16, 240 - i * 28, l)),
    text(11, 90, p.url, 'F2'),
    text(12, 60, '微信或手机浏览器扫码，几分钟完成参保'),
  ].join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R /F2 7 0 R >> >> /Contents 4 0 R >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>',
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /DW 1000 >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n%\xE2\xE3\xCF\xD3\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
