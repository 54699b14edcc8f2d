import { AimOutlined, BarChartOutlined, FundOutlined, MessageOutlined, ReadOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { MessageKey } from '../../i18n/i18n.tsx';
import type { PageAccess } from '../../layout/page-access.ts';

/** The side-menu group of the service and outreach screens (服务与扩面). */
export const serviceMenuGroup: {
  label: MessageKey;
  entries: { path: string; label: MessageKey; icon: ReactNode; permission?: PageAccess }[];
} = {
  label: 'menu.serviceGroup',
  entries: [
    { path: '/complaints', label: 'menu.complaints', icon: <MessageOutlined />, permission: 'complaint.read' },
    { path: '/outreach', label: 'menu.outreach', icon: <ReadOutlined />, permission: 'outreach.manage' },
    { path: '/reports/outreach', label: 'menu.outreachReport', icon: <BarChartOutlined />, permission: 'report.read' },
    { path: '/expansion', label: 'menu.expansion', icon: <AimOutlined />, permission: 'expansion.manage' },
    { path: '/reports/expansion', label: 'menu.expansionReport', icon: <FundOutlined />, permission: 'report.read' },
  ],
};
