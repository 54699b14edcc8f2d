import type { ComponentType } from 'react';
import type { RouteObject } from 'react-router';
import type { PageAccess } from '../../layout/page-access.ts';
import { RequirePermission } from '../../layout/require-permission.tsx';

/** Claim pages load on first visit, behind the permission that opens them (the server checks again). */
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

/** The claims and payout screens, as children of the signed-in layout. */
export const claimsRoutes: RouteObject[] = [
  { path: 'claims', lazy: page(() => import('./claims.page.tsx').then((m) => m.ClaimsPage), 'claim.read') },
  { path: 'claims/new', lazy: page(() => import('./claim-new.page.tsx').then((m) => m.ClaimNewPage), 'claim.create') },
  {
    path: 'claims/:id',
    lazy: page(() => import('./claim-detail.page.tsx').then((m) => m.ClaimDetailPage), 'claim.read'),
  },
  { path: 'payouts', lazy: page(() => import('./payouts.page.tsx').then((m) => m.PayoutsPage), 'payout.manage') },
  {
    path: 'sms-outbox',
    lazy: page(() => import('./sms-outbox.page.tsx').then((m) => m.SmsOutboxPage), 'notification.read'),
  },
  { path: 'faq', lazy: page(() => import('./faq.page.tsx').then((m) => m.FaqPage), 'faq.manage') },
  {
    path: 'payouts/:id',
    lazy: page(() => import('./payout-batch.page.tsx').then((m) => m.PayoutBatchPage), 'payout.manage'),
  },
];
