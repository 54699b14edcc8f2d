import { CertificateCheck as CertificateCheckSchema, type CertificateCheckView } from '@huzhu/core';

/** What GET /api/v1/public/certificates/:code answers (core's schema, not a copy of it). */
export type CertificateCheck = CertificateCheckView;

/** Verifies a certificate code; null when the server could not be asked (network, 5xx, rate limit). */
export async function checkCertificate(code: string, signal: AbortSignal): Promise<CertificateCheck | null> {
  try {
    const res = await fetch(`/api/v1/public/certificates/${encodeURIComponent(code)}`, {
      headers: { accept: 'application/json' },
      signal,
    });
    if (!res.ok) return null;
    return CertificateCheckSchema.parse(await res.json());
  } catch {
    return null;
  }
}
