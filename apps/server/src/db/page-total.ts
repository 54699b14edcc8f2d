/**
 * The `total` of a page of a search, counted no further than `cap` (the answer is then "cap+", `totalCapped`). A page
 * that is not full already tells the total (offset + its rows) — the most common answer to a search by number,
 * mobile, ID number or full name — and then nothing more is read; otherwise `count` counts up to cap + 1.
 */
export async function pageTotal(
  rows: number,
  offset: number | null,
  pageSize: number,
  cap: number,
  count: (upTo: number) => Promise<number>,
): Promise<{ total: number; totalCapped: boolean }> {
  const known = offset !== null && rows < pageSize && (rows > 0 || offset === 0) ? offset + rows : null;
  const n = known ?? (await count(cap + 1));
  return { total: Math.min(n, cap), totalCapped: n > cap };
}
