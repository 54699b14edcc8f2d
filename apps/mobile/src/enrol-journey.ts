/**
 * What a gig worker's enrolment journey remembers for the visit (sessionStorage): the channel a scanned poster
 * brought, and the order or gift page they were heading to before sign-in and real name sent them elsewhere.
 * Shared by the landing, the gift and the real-name pages.
 */

const CHANNEL_KEY = 'huzhu.channel';
/** The channel a scanned poster brought (`/m/?c=CODE`): kept for this visit, through sign-in and payment. */
export function rememberedChannel(): string | null {
  const c = new URLSearchParams(window.location.search).get('c');
  if (c && /^[A-Za-z0-9]{4,16}$/.test(c)) sessionStorage.setItem(CHANNEL_KEY, c);
  return sessionStorage.getItem(CHANNEL_KEY);
}

export const GIG_NEXT_KEY = 'huzhu.gigNext';
/** The order page a worker was heading to before sign-in and real name sent them elsewhere. */
export const pendingGig = (): string | null => sessionStorage.getItem(GIG_NEXT_KEY);
