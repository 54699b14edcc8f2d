/** What GET /api/v1/public/certificates/:code answers: a genuine certificate's public facts, or genuine: false. */
export type CertificateCheck =
  | { genuine: false }
  | {
      genuine: true;
      inForce: boolean;
      status: 'pending' | 'waiting' | 'active' | 'expired' | 'paid_out' | 'cancelled';
      maskedName: string;
      productName: string;
      officeName: string;
      startDate: string;
      endDate: string;
    };

/** Verifies a certificate code; null when the server could not be asked (network, 5xx, rate limit). */
export async function checkCertificate(code: string, signal: AbortSignal): Promise<CertificateCheck | null> {
  try {
    const res = await fetch(`/api/v1/public/certificates/${encodeURIComponent(code)}`, {
      headers: { accept: 'application/json' },
      signal,
    });
    if (!res.ok) return null;
    return (await res.json()) as CertificateCheck;
  } catch {
    return null;
  }
}
