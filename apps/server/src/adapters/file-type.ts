/** The uploaded file types the server accepts (claim and relief materials, the demo face photo). */
export type MaterialMime = 'image/jpeg' | 'image/png' | 'application/pdf';

/** The type from the content's magic bytes; the file name and the browser's claim are not trusted. */
export function sniffMaterialType(head: Buffer): MaterialMime | null {
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  if (head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  return null;
}
