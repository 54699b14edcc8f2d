import type { CertificateCheckView } from '@huzhu/core';
import { api } from './api.ts';

/** What GET /api/v1/public/certificates/:code answers (core's schema, through the typed client). */
export type CertificateCheck = CertificateCheckView;

/** Verifies a certificate code; null when the server could not be asked (network, 5xx, rate limit). */
export async function checkCertificate(code: string, signal: AbortSignal): Promise<CertificateCheck | null> {
  try {
    return await api.verifyCertificate(code, signal);
  } catch {
    return null;
  }
}
