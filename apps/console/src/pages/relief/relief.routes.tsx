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

/** The relief screens (救助慰问), as children of the signed-in layout. */
export const reliefRoutes: RouteObject[] = [
  // The summary (汇总) as its own page; the national viewer (总会) gets every office side by side on 全国汇总.
  {
    path: 'reports/summary',
    lazy: page(() => import('./summary.page.tsx').then((m) => m.SummaryPage), 'report.read'),
  },
  {
    path: 'reports/national',
    lazy: page(() => import('./summary.page.tsx').then((m) => () => <m.SummaryPage national />), 'report.national'),
  },
  { path: 'relief', lazy: page(() => import('./relief.page.tsx').then((m) => m.ReliefPage), 'relief.read') },
  {
    path: 'relief/new',
    lazy: page(() => import('./relief-new.page.tsx').then((m) => m.ReliefNewPage), 'relief.create'),
  },
  {
    path: 'relief/:id',
    lazy: page(() => import('./relief-detail.page.tsx').then((m) => m.ReliefDetailPage), 'relief.read'),
  },
  {
    path: 'relief-categories',
    lazy: page(() => import('./relief-categories.page.tsx').then((m) => m.ReliefCategoriesPage), 'relief.read'),
  },
  {
    path: 'relief-batches',
    lazy: page(() => import('./relief-batches.page.tsx').then((m) => m.ReliefBatchesPage), 'relief.manage'),
  },
  {
    path: 'hardship-files',
    lazy: page(() => import('./hardship.page.tsx').then((m) => m.HardshipPage), 'relief.read'),
  },
  {
    path: 'reports/relief',
    lazy: page(() => import('./relief-report.page.tsx').then((m) => m.ReliefReportPage), 'report.read'),
  },
];
