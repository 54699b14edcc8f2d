import { createApiClient, createMemberApiClient, serverError, type Transport } from '@huzhu/core';
import type { Page } from 'playwright-core';

/**
 * Core's typed API client for the specs' own API calls (setup and checks), answers parsed with the server's
 * schemas. `staffClientOf` runs in a signed-in page's request context, so its calls carry the browser's cookies;
 * `memberClientOf` is Node's fetch, for the member app's endpoints without a browser.
 */
export function pageTransport(page: Page, baseUrl: string, csrfToken = ''): Transport {
  return async ({ method, path, body }) => {
    const res = await page.request.fetch(`${baseUrl}/api/v1${path}`, {
      method,
      headers: { accept: 'application/json', ...(method !== 'GET' && csrfToken ? { 'x-csrf-token': csrfToken } : {}) },
      ...(body instanceof FormData ? { multipart: body } : body === undefined ? {} : { data: body }),
      failOnStatusCode: false,
    });
    const text = await res.text();
    if (!res.ok()) throw serverError(res.status(), text);
    return text ? JSON.parse(text) : undefined;
  };
}

export const staffClientOf = (page: Page, baseUrl: string, csrfToken = '') =>
  createApiClient(pageTransport(page, baseUrl, csrfToken));

export const memberClientOf = (baseUrl: string) => createMemberApiClient({ baseUrl });
