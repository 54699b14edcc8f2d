import {
  GiftOutlined,
  QrcodeOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  CloudUploadOutlined,
  DashboardOutlined,
  FileAddOutlined,
  FileDoneOutlined,
  KeyOutlined,
  MoneyCollectOutlined,
  ProfileOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { SessionUser } from '@huzhu/core';
import type { MenuProps } from 'antd';
import type { ReactNode } from 'react';
import type { MessageKey, Translate } from '../i18n/i18n.tsx';
import { claimsMenuGroup } from '../pages/claims/claims-menu.tsx';
import { reportsMenuGroup } from '../pages/reports/reports-menu.tsx';
import { reliefMenuGroup } from '../pages/relief/relief-menu.tsx';
import { serviceMenuGroup } from '../pages/service/service-menu.tsx';
import { allows, type PageAccess } from './page-access.ts';

interface Entry {
  path: string;
  label: MessageKey;
  icon: ReactNode;
  permission?: PageAccess;
}

const groups: { label: MessageKey | null; entries: Entry[] }[] = [
  { label: null, entries: [{ path: '/', label: 'menu.dashboard', icon: <DashboardOutlined /> }] },
  {
    label: 'menu.organisation',
    entries: [
      { path: '/agencies', label: 'menu.agencies', icon: <ApartmentOutlined />, permission: 'agency.read' },
      { path: '/units', label: 'menu.units', icon: <BankOutlined />, permission: 'unit.read' },
      {
        path: '/registry-import',
        label: 'menu.registryImport',
        icon: <CloudUploadOutlined />,
        permission: 'unit.import',
      },
    ],
  },
  {
    label: 'menu.memberGroup',
    entries: [{ path: '/members', label: 'menu.members', icon: <TeamOutlined />, permission: 'member.read' }],
  },
  {
    label: 'menu.enrolmentGroup',
    entries: [
      { path: '/products', label: 'menu.products', icon: <SafetyCertificateOutlined />, permission: 'office-staff' },
      { path: '/enrol', label: 'menu.enrol', icon: <FileAddOutlined />, permission: 'batch.create' },
      { path: '/batches', label: 'menu.batches', icon: <ProfileOutlined />, permission: 'batch.read' },
      { path: '/batch-review', label: 'menu.review', icon: <FileDoneOutlined />, permission: 'batch.approve' },
      { path: '/batch-payments', label: 'menu.payments', icon: <MoneyCollectOutlined />, permission: 'batch.pay' },
      { path: '/channels', label: 'menu.channels', icon: <QrcodeOutlined />, permission: 'channel.manage' },
      { path: '/gift-campaigns', label: 'menu.gifts', icon: <GiftOutlined />, permission: 'gift.grant' },
    ],
  },
  claimsMenuGroup,
  reliefMenuGroup,
  serviceMenuGroup,
  reportsMenuGroup,
  {
    label: 'menu.system',
    entries: [
      { path: '/users', label: 'menu.users', icon: <UserOutlined />, permission: 'user.manage' },
      { path: '/api-tokens', label: 'menu.apiTokens', icon: <KeyOutlined />, permission: 'token.manage' },
      { path: '/audit', label: 'menu.audit', icon: <AuditOutlined />, permission: 'audit.read' },
    ],
  },
];

/** The side menu for a user: an entry appears only when the user may open it; empty groups vanish. */
export function menuItemsFor(
  user: Pick<SessionUser, 'role' | 'officeId'>,
  t: Translate,
): NonNullable<MenuProps['items']> {
  const items: NonNullable<MenuProps['items']> = [];
  for (const group of groups) {
    const entries = group.entries
      .filter((e) => !e.permission || allows(user, e.permission))
      .map((e) => ({ key: e.path, icon: e.icon, label: t(e.label) }));
    if (entries.length === 0) continue;
    if (group.label) items.push({ type: 'group', key: group.label, label: t(group.label), children: entries });
    else items.push(...entries);
  }
  return items;
}

/**
 * The menu key of a location: the first path segment (a detail page lights its list's entry); report pages share
 * the /reports prefix, so there the second segment names the entry.
 */
export function menuKeyOf(pathname: string): string {
  const [first, second] = pathname.split('/').filter(Boolean);
  if (!first) return '/';
  return first === 'reports' && second ? `/${first}/${second}` : `/${first}`;
}
