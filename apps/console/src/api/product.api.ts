import { type ProductParams, type ProductVersionSchema, staffEndpoints as e } from '@huzhu/core';
import { api } from './http-client.ts';
import type { Infer } from './page.ts';

/** A stored product version as the API answers it (every parameter, benefits and diseases). */
export type Product = Infer<typeof ProductVersionSchema>;
export type { ProductParams };

export const productKeys = {
  list: ['products'] as const,
  versions: (code: string) => ['products', code, 'versions'] as const,
};

export const productApi = {
  list: () => api.call(e.products),
  versions: (code: string) => api.call(e.productVersions, { params: { code } }),
  publish: (code: string, params: ProductParams) => api.call(e.publishProduct, { params: { code }, body: params }),
};
