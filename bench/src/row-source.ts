import { type BulkRow, createPiiCipher, newId } from '@huzhu/server';
import { type OfficePlan, planOffice } from '@huzhu/scripts';

/** The real office's proportions: 21,500 units for 2.92 million members. */
const UNITS_PER_MEMBER = 21_500 / 2_920_000;

export interface Chunk {
  members: BulkRow<'member'>[];
  links: BulkRow<'member_unit'>[];
}

/**
 * The rows every target loads: the demo generator's 重庆办事处 at the requested size, in chunks. A chunk is
 * generated once and handed to every target in turn, so they all load exactly the same rows (same ids, same
 * ciphertext) and generation stays outside every timed section.
 */
export function benchRows(members: number, seed: number) {
  const cipher = createPiiCipher(Buffer.alloc(32, 0x11), Buffer.alloc(32, 0x22));
  const now = new Date('2026-03-02T02:00:00.000Z');
  const plan: OfficePlan = planOffice(
    'CQ',
    { units: Math.max(60, Math.round(members * UNITS_PER_MEMBER)), members },
    seed,
    { cipher, now: now.toISOString(), today: '2026-03-02', newId },
  );
  return {
    plan,
    *chunks(size: number): Generator<Chunk> {
      let chunk: Chunk = { members: [], links: [] };
      for (const item of plan.members()) {
        chunk.members.push(item.member);
        for (const l of item.links) chunk.links.push(l);
        if (chunk.members.length >= size) {
          yield chunk;
          chunk = { members: [], links: [] };
        }
      }
      if (chunk.members.length > 0) yield chunk;
    },
  };
}
