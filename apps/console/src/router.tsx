import type { ComponentType } from 'react';
import { createBrowserRouter } from 'react-router';
import { ConsoleLayout, FullPageSpin } from './layout/console.layout.tsx';
import type { PageAccess } from './layout/page-access.ts';
import { RequirePermission } from './layout/require-permission.tsx';
import { claimsRoutes } from './pages/claims/claims.routes.tsx';
import { LoginPage } from './pages/login.page.tsx';
import { NotFoundPage } from './pages/not-found.page.tsx';
import { reportsRoutes } from './pages/reports/reports.routes.tsx';
import { reliefRoutes } from './pages/relief/relief.routes.tsx';
import { serviceRoutes } from './pages/service/service.routes.tsx';

/** Pages load on first visit, so the login screen does not wait for every table of the console. */
function page(load: () => Promise<ComponentType>, permission?: PageAccess) {
  return async () => {
    const Page = await load();
    return {
      Component: permission
        ? () => (
            <RequirePermission permission={permission}>
              <Page />
            </RequirePermission>
          )
        : Page,
    };
  };
}

export const router = createBrowserRouter([
  { path: '/login', Component: LoginPage },
  // 现场服务: full screen on a clerk's phone or tablet, outside the side-menu layout (it checks the session itself).
  {
    path: '/queue/:id',
    lazy: async () => ({
      Component: (await import('./pages/channels/channel-queue.page.tsx')).ChannelQueuePage,
    }),
  },
  {
    path: '/',
    Component: ConsoleLayout,
    // Shown while the first lazily loaded page arrives on a direct visit to a deep link.
    HydrateFallback: FullPageSpin,
    children: [
      { index: true, lazy: page(() => import('./pages/dashboard.page.tsx').then((m) => m.DashboardPage)) },
      {
        path: 'agencies',
        lazy: page(() => import('./pages/agencies.page.tsx').then((m) => m.AgenciesPage), 'agency.read'),
      },
      { path: 'units', lazy: page(() => import('./pages/units.page.tsx').then((m) => m.UnitsPage), 'unit.read') },
      {
        path: 'units/:id',
        lazy: page(() => import('./pages/unit-detail.page.tsx').then((m) => m.UnitDetailPage), 'unit.read'),
      },
      {
        path: 'registry-import',
        lazy: page(() => import('./pages/registry-import.page.tsx').then((m) => m.RegistryImportPage), 'unit.import'),
      },
      {
        path: 'members',
        lazy: page(() => import('./pages/members.page.tsx').then((m) => m.MembersPage), 'member.read'),
      },
      {
        path: 'members/:id',
        lazy: page(() => import('./pages/member-detail.page.tsx').then((m) => m.MemberDetailPage), 'member.read'),
      },
      {
        path: 'products',
        lazy: page(() => import('./pages/products.page.tsx').then((m) => m.ProductsPage), 'office-staff'),
      },
      { path: 'enrol', lazy: page(() => import('./pages/enrol.page.tsx').then((m) => m.EnrolPage), 'batch.create') },
      {
        path: 'batches',
        lazy: page(() => import('./pages/batches.page.tsx').then((m) => m.BatchesPage), 'batch.read'),
      },
      {
        path: 'batches/:id',
        lazy: page(() => import('./pages/batch-detail.page.tsx').then((m) => m.BatchDetailPage), 'batch.read'),
      },
      {
        path: 'batch-review',
        lazy: page(() => import('./pages/batch-review.page.tsx').then((m) => m.BatchReviewPage), 'batch.approve'),
      },
      {
        path: 'batch-payments',
        lazy: page(() => import('./pages/batch-payments.page.tsx').then((m) => m.BatchPaymentsPage), 'batch.pay'),
      },
      {
        path: 'certificates/:policyId',
        lazy: page(() => import('./pages/certificate.page.tsx').then((m) => m.CertificatePage), 'policy.read'),
      },
      { path: 'users', lazy: page(() => import('./pages/users.page.tsx').then((m) => m.UsersPage), 'user.manage') },
      {
        path: 'api-tokens',
        lazy: page(() => import('./pages/api-tokens.page.tsx').then((m) => m.ApiTokensPage), 'token.manage'),
      },
      { path: 'audit', lazy: page(() => import('./pages/audit.page.tsx').then((m) => m.AuditPage), 'audit.read') },
      {
        path: 'channels',
        lazy: page(() => import('./pages/channels/channels.page.tsx').then((m) => m.ChannelsPage), 'channel.manage'),
      },
      {
        path: 'gift-campaigns',
        lazy: page(
          () => import('./pages/gifts/gift-campaigns.page.tsx').then((m) => m.GiftCampaignsPage),
          'gift.grant',
        ),
      },
      ...claimsRoutes,
      ...reportsRoutes,
      ...reliefRoutes,
      ...serviceRoutes,
      { path: '*', Component: NotFoundPage },
    ],
  },
]);
