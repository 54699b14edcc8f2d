import { BarChartOutlined, GiftOutlined, HeartOutlined, ProfileOutlined, SolutionOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { MessageKey } from '../../i18n/i18n.tsx';
import type { PageAccess } from '../../layout/page-access.ts';

/** The side-menu group of the relief screens (救助慰问). */
export const reliefMenuGroup: {
  label: MessageKey;
  entries: { path: string; label: MessageKey; icon: ReactNode; permission?: PageAccess }[];
} = {
  label: 'menu.reliefGroup',
  entries: [
    { path: '/relief', label: 'menu.relief', icon: <HeartOutlined />, permission: 'relief.read' },
    { path: '/hardship-files', label: 'menu.hardship', icon: <SolutionOutlined />, permission: 'relief.read' },
    { path: '/relief-batches', label: 'menu.reliefBatches', icon: <GiftOutlined />, permission: 'relief.manage' },
    {
      path: '/relief-categories',
      label: 'menu.reliefCategories',
      icon: <ProfileOutlined />,
      permission: 'relief.read',
    },
    { path: '/reports/relief', label: 'menu.reliefReport', icon: <BarChartOutlined />, permission: 'report.read' },
  ],
};
