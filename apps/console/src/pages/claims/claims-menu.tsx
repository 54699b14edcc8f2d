import { AuditOutlined, MessageOutlined, PayCircleOutlined, QuestionCircleOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { MessageKey } from '../../i18n/i18n.tsx';
import type { PageAccess } from '../../layout/page-access.ts';

/** The side-menu group of the claims screens; the layout shows each entry only to roles that may open it. */
export const claimsMenuGroup: {
  label: MessageKey;
  entries: { path: string; label: MessageKey; icon: ReactNode; permission?: PageAccess }[];
} = {
  label: 'menu.claimsGroup',
  entries: [
    { path: '/claims', label: 'menu.claims', icon: <AuditOutlined />, permission: 'claim.read' },
    { path: '/payouts', label: 'menu.payouts', icon: <PayCircleOutlined />, permission: 'payout.manage' },
    { path: '/sms-outbox', label: 'menu.sms', icon: <MessageOutlined />, permission: 'notification.read' },
    { path: '/faq', label: 'menu.faq', icon: <QuestionCircleOutlined />, permission: 'faq.manage' },
  ],
};
