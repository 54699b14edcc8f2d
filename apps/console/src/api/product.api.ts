import type { ProductParams, ProductVersionSchema } from '@huzhu/core';
import { http } from './http-client.ts';
import type { Infer } from './page.ts';

/** A stored product version as the API answers it (every parameter, benefits and diseases). */
export type Product = Infer<typeof ProductVersionSchema>;
export type { ProductParams };

const path = (code: string) => `/products/${encodeURIComponent(code)}`;

export const productKeys = {
  list: ['products'] as const,
  versions: (code: string) => ['products', code, 'versions'] as const,
};

export const productApi = {
  list: () => http.get<Product[]>('/products'),
  versions: (code: string) => http.get<Product[]>(`${path(code)}/versions`),
  publish: (code: string, params: ProductParams) => http.post<Product>(`${path(code)}/versions`, params),
};
