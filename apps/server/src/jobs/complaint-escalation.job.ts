import { complaintLifecycle } from '@huzhu/core';
import type { Clock } from '../clock.ts';
import type { DbHandle } from '../db/dialect.ts';
import { newId } from '../ids.ts';
import { complaintRepository } from '../repositories/complaint.repository.ts';
import type { Audit } from '../services/audit.service.ts';
import { move } from '../services/lifecycle-move.ts';

export interface ComplaintEscalationDeps {
  handle: DbHandle;
  clock: Clock;
  audit: Audit;
}

const CHUNK = 200;

/**
 * Escalates to the office every complaint still open after its due date (3 working days): the move
 * open → escalated (audited `complaint.escalate`) and an office notification, in one transaction per chunk. The
 * conditional move makes a second run (or a second instance) a no-op for rows already moved; the scheduler runs it
 * under its job lock. Returns how many complaints it escalated.
 */
export async function escalateOverdueComplaints({ handle, clock, audit }: ComplaintEscalationDeps): Promise<number> {
  const today = clock.today();
  let escalated = 0;
  for (;;) {
    const n = await handle.db.transaction().execute(async (trx) => {
      const due = await complaintRepository.dueForEscalation(trx, today, CHUNK);
      const now = clock.iso();
      for (const c of due) {
        await move(trx, audit, null, {
          lifecycle: complaintLifecycle,
          table: 'complaint',
          row: { id: c.id, status: 'open', office_id: c.office_id },
          command: 'escalate',
          patch: { escalated_at: now },
          why: { dueDate: c.due_date, fromAgencyId: c.agency_id },
        });
        await trx
          .insertInto('notification')
          .values({
            id: newId(),
            office_id: c.office_id,
            agency_id: null,
            kind: 'complaint_overdue',
            object_type: 'complaint',
            object_id: c.id,
            message: `意见投诉 ${c.number} 已超过答复期限（${c.due_date}），已转办事处督办`,
            created_at: now,
            read_at: null,
          })
          .execute();
      }
      return due.length;
    });
    escalated += n;
    if (n < CHUNK) return escalated;
  }
}
