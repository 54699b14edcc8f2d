import { type ProductParams, type ProductVersionSchema, staffEndpoints as e } from '@huzhu/core';
import { api } from './http-client.ts';
import type { Infer } from './page.ts';

/** A stored product version as the API answers it (every parameter, benefits and diseases). */
export type Product = Infer<typeof ProductVersionSchema>;
export type { ProductParams };

/** Pickers load the whole catalogue in one page: an office sells a handful of products (decisions.md). */
export const PRODUCT_PICKER_MAX = 500;

export const productKeys = {
  list: ['products'] as const,
  page: (f: { q?: string; page: number; pageSize: number }) => ['products', 'page', f] as const,
  versions: (code: string) => ['products', code, 'versions'] as const,
};

export const productApi = {
  list: async () => (await api.call(e.products, { query: { pageSize: PRODUCT_PICKER_MAX } })).items,
  page: (f: { q?: string; page: number; pageSize: number }) => api.call(e.products, { query: { ...f } }),
  versions: (code: string) => api.call(e.productVersions, { params: { code } }),
  publish: (code: string, params: ProductParams) => api.call(e.publishProduct, { params: { code }, body: params }),
};
