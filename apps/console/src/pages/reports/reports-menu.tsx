import {
  BarChartOutlined,
  FieldTimeOutlined,
  FlagOutlined,
  FundOutlined,
  GlobalOutlined,
  QrcodeOutlined,
  SyncOutlined,
  TableOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { MessageKey } from '../../i18n/i18n.tsx';
import type { PageAccess } from '../../layout/page-access.ts';

/** The side-menu group of the report screens (统计报表); the layout shows it to roles that read reports. */
export const reportsMenuGroup: {
  label: MessageKey;
  entries: { path: string; label: MessageKey; icon: ReactNode; permission?: PageAccess }[];
} = {
  label: 'menu.reportsGroup',
  entries: [
    { path: '/reports/summary', label: 'menu.summary', icon: <TableOutlined />, permission: 'report.read' },
    {
      path: '/reports/national',
      label: 'menu.nationalSummary',
      icon: <GlobalOutlined />,
      permission: 'report.national',
    },
    {
      path: '/reports/enrolment-structure',
      label: 'menu.structureReport',
      icon: <BarChartOutlined />,
      permission: 'report.read',
    },
    {
      path: '/reports/claims-operations',
      label: 'menu.claimsOpsReport',
      icon: <FieldTimeOutlined />,
      permission: 'report.read',
    },
    { path: '/reports/renewal', label: 'menu.renewalReport', icon: <SyncOutlined />, permission: 'report.read' },
    { path: '/reports/fund-health', label: 'menu.fundReport', icon: <FundOutlined />, permission: 'report.read' },
    { path: '/reports/channels', label: 'menu.channelReport', icon: <QrcodeOutlined />, permission: 'report.read' },
    { path: '/reports/campaigns', label: 'menu.campaigns', icon: <FlagOutlined />, permission: 'report.read' },
  ],
};
