import type { HealthAnswer } from '@huzhu/core';
import { api } from './api.ts';

/** What GET /api/v1/health answers when the server and its database are up (core's schema). */
export type Health = (typeof HealthAnswer)['_output'];

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
    return await api.health(controller.signal);
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', stop);
  }
}
