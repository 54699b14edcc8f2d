/** What GET /api/v1/health answers when the server and its database are up. */
export interface Health {
  status: 'ok';
  db: 'sqlite' | 'postgres';
}

const TIMEOUT_MS = 8000;

/**
 * Asks the server whether it is up; any failure (network, timeout, 5xx, an unexpected body) counts as unreachable.
 * A plain controller and timer rather than AbortSignal.any/timeout: older phone browsers lack those.
 */
export async function fetchHealth(signal: AbortSignal): Promise<Health | null> {
  const controller = new AbortController();
  const stop = () => controller.abort();
  const timer = setTimeout(stop, TIMEOUT_MS);
  signal.addEventListener('abort', stop);
  try {
    const res = await fetch('/api/v1/health', { headers: { accept: 'application/json' }, signal: controller.signal });
    if (!res.ok) return null;
    const body = (await res.json()) as Partial<Health>;
    return body.status === 'ok' && (body.db === 'sqlite' || body.db === 'postgres') ? (body as Health) : null;
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', stop);
  }
}
