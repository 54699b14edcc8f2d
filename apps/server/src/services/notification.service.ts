import { maskMobile } from '@huzhu/core';
import type { Actor } from '../access/actor.ts';
import { requirePermission, scopeOf } from '../access/policy.ts';
import type { SmsMessage, SmsParams, SmsSender, SmsTemplate } from '../adapters/sms.ts';
import type { ServiceDeps } from './service-deps.ts';
import { claimNotificationRepository as repo } from '../repositories/claim-notification.repository.ts';

/** A claim's short reference in texts: the last eight characters of its id (the full id is in the console). */
export const claimRef = (claimId: string) => claimId.replaceAll('-', '').slice(-8).toUpperCase();

export interface ClaimNotice {
  claimId: string;
  template: SmsTemplate;
  params?: SmsParams;
}

/**
 * Texts members about their claims. Called after the change committed: a failed text never undoes a decision,
 * and a rolled-back decision never sends one. Failures are logged, not thrown (the caller's change stands).
 */
export function createNotificationService({ db }: ServiceDeps, sms: SmsSender) {
  return {
    async claims(notices: ClaimNotice[]): Promise<void> {
      if (notices.length === 0) return;
      try {
        const recipients = new Map(
          (
            await repo.recipients(
              db,
              notices.map((n) => n.claimId),
            )
          ).map((r) => [r.id, r]),
        );
        for (const n of notices) {
          const r = recipients.get(n.claimId);
          if (!r?.mobile) continue;
          await sms.send({
            officeId: r.office_id,
            to: r.mobile,
            template: n.template,
            params: { ref: claimRef(n.claimId), ...n.params },
            objectType: 'claim',
            objectId: n.claimId,
          });
        }
      } catch (e) {
        console.error('短信通知失败 / SMS notification failed', e);
      }
    },

    /** A text that is not about a claim (renewal reminders): the same sender and outbox; failures are logged. */
    async send(message: SmsMessage): Promise<void> {
      try {
        await sms.send(message);
      } catch (e) {
        console.error('短信发送失败 / SMS failed', e);
      }
    },

    async outbox(actor: Actor, page: number, pageSize: number, status?: string) {
      requirePermission(actor, 'notification.read');
      const { items, total } = await repo.outbox(db, scopeOf(actor).officeId, page, pageSize, status);
      return {
        items: items.map((m) => ({
          id: m.id,
          toMasked: maskMobile(m.to_mobile),
          template: m.template,
          text: m.text,
          status: m.status,
          objectType: m.object_type,
          objectId: m.object_id,
          createdAt: m.created_at,
          sentAt: m.sent_at,
          provider: m.provider,
          providerCode: m.provider_code,
          providerRef: m.provider_ref,
          failureReason: m.failure_reason,
        })),
        total,
        page,
        pageSize,
      };
    },

    async notifications(actor: Actor, page: number, pageSize: number) {
      requirePermission(actor, 'claim.read');
      const { items, total } = await repo.notifications(db, scopeOf(actor), page, pageSize);
      return {
        items: items.map((n) => ({
          id: n.id,
          kind: n.kind,
          agencyId: n.agency_id,
          objectType: n.object_type,
          objectId: n.object_id,
          message: n.message,
          createdAt: n.created_at,
        })),
        total,
        page,
        pageSize,
      };
    },
  };
}
export type NotificationService = ReturnType<typeof createNotificationService>;
