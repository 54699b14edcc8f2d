import type { ComponentType } from 'react';
import type { RouteObject } from 'react-router';
import type { PageAccess } from '../../layout/page-access.ts';
import { RequirePermission } from '../../layout/require-permission.tsx';

function page(load: () => Promise<ComponentType>, permission: PageAccess) {
  return async () => {
    const Page = await load();
    return {
      // biome-ignore lint/correctness/noComponentHookFactories: the router runs a lazy loader once per route, so this component is made once.
      Component: () => (
        <RequirePermission permission={permission}>
          <Page />
        </RequirePermission>
      ),
    };
  };
}

/** The service and outreach screens (服务与扩面), as children of the signed-in layout. */
export const serviceRoutes: RouteObject[] = [
  {
    path: 'expansion',
    lazy: page(() => import('./expansion.page.tsx').then((m) => m.ExpansionPage), 'expansion.manage'),
  },
  {
    path: 'reports/expansion',
    lazy: page(() => import('./expansion-report.page.tsx').then((m) => m.ExpansionReportPage), 'report.read'),
  },
  {
    path: 'complaints',
    lazy: page(() => import('./complaints.page.tsx').then((m) => m.ComplaintsPage), 'complaint.read'),
  },
  { path: 'outreach', lazy: page(() => import('./outreach.page.tsx').then((m) => m.OutreachPage), 'outreach.manage') },
  {
    path: 'reports/outreach',
    lazy: page(() => import('./outreach-report.page.tsx').then((m) => m.OutreachReportPage), 'report.read'),
  },
];
