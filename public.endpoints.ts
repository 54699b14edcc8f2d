import { CertificateCheck } from '@huzhu/core';
import { z } from 'zod';
import { endpoint } from '../endpoint.ts';

export const Health = z.object({ status: z.literal('ok'), db: z.enum(['sqlite', 'postgres']) });

/** Endpoints anyone may call. */
export const publicApi = {
  health: endpoint('GET', '/health', { response: Health }),
  /** A certificate's public facts (masked name, product, term, in force), or `{ genuine: false }`. */
  checkCertificate: endpoint('GET', '/public/certificates/:code', { response: CertificateCheck }),
} as const;
