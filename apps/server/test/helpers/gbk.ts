/** Encodes text as GBK, the encoding Excel on Chinese Windows uses for "CSV" files (a table built by decoding). */
let table: Map<string, number[]> | undefined;

export function encodeGbk(text: string): Buffer {
  if (!table) {
    table = new Map();
    const decoder = new TextDecoder('gb18030');
    for (let hi = 0x81; hi <= 0xfe; hi++) {
      for (let lo = 0x40; lo <= 0xfe; lo++) {
        if (lo === 0x7f) continue;
        const ch = decoder.decode(Uint8Array.from([hi, lo]));
        if (ch.length === 1 && !table.has(ch)) table.set(ch, [hi, lo]);
      }
    }
  }
  const bytes: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x80) bytes.push(code);
    else {
      const pair = table.get(ch);
      if (!pair) throw new Error(`not in GBK: ${ch}`);
      bytes.push(...pair);
    }
  }
  return Buffer.from(bytes);
}

/** GB18030 bytes of a character outside the BMP (its four-byte form): the linear index from U+10000. */
export function gb18030Of(ch: string): Buffer {
  let n = ch.codePointAt(0)! - 0x10000;
  const b4 = 0x30 + (n % 10);
  n = Math.floor(n / 10);
  const b3 = 0x81 + (n % 126);
  n = Math.floor(n / 126);
  const b2 = 0x30 + (n % 10);
  n = Math.floor(n / 10);
  const b1 = 0x90 + n;
  const bytes = Buffer.from([b1, b2, b3, b4]);
  if (new TextDecoder('gb18030').decode(bytes) !== ch) throw new Error('gb18030 encoding of the test character');
  return bytes;
}
