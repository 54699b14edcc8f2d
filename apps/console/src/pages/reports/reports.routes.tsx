import type { ComponentType } from 'react';
import type { RouteObject } from 'react-router';
import { RequirePermission } from '../../layout/require-permission.tsx';

/** Report pages load on first visit, behind 'report.read' (the server checks again and scopes the figures). */
function page(load: () => Promise<ComponentType>) {
  return async () => {
    const Page = await load();
    return {
      // biome-ignore lint/correctness/noComponentHookFactories: the router runs a lazy loader once per route, so this component is made once.
      Component: () => (
        <RequirePermission permission="report.read">
          <Page />
        </RequirePermission>
      ),
    };
  };
}

/** The report screens, as children of the signed-in layout. */
export const reportsRoutes: RouteObject[] = [
  {
    path: 'reports/enrolment-structure',
    lazy: page(() => import('./structure-report.page.tsx').then((m) => m.StructureReportPage)),
  },
  {
    path: 'reports/claims-operations',
    lazy: page(() => import('./claims-ops-report.page.tsx').then((m) => m.ClaimsOpsReportPage)),
  },
  { path: 'reports/renewal', lazy: page(() => import('./renewal-report.page.tsx').then((m) => m.RenewalReportPage)) },
  {
    path: 'reports/fund-health',
    lazy: page(() => import('./fund-health-report.page.tsx').then((m) => m.FundHealthReportPage)),
  },
  {
    path: 'reports/channels',
    lazy: page(() => import('./channel-report.page.tsx').then((m) => m.ChannelReportPage)),
  },
  { path: 'reports/campaigns', lazy: page(() => import('./campaigns.page.tsx').then((m) => m.CampaignsPage)) },
  {
    path: 'reports/campaigns/:id',
    lazy: page(() => import('./campaign-report.page.tsx').then((m) => m.CampaignReportPage)),
  },
];
