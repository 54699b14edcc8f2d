import { expect } from 'vitest';
import type { APIResponse, Page } from 'playwright-core';

export interface SignedIn {
  csrfToken: string;
  user: { id: string; username: string; role: string; orgId: string | null; displayName: string };
}

/**
 * Signs in through the API from the page's own request context, so the httpOnly session cookie lands in the
 * browser exactly as a form login would leave it; the CSRF token is returned for API calls that change state.
 */
export async function signIn(page: Page, baseUrl: string, username: string, password: string): Promise<SignedIn> {
  const res = await page.request.post(`${baseUrl}/api/v1/auth/login`, { data: { username, password } });
  expect(res.status(), await res.text()).toBe(200);
  return (await res.json()) as SignedIn;
}

/** JSON API calls in the signed-in page's context (same cookies as the console). */
export function apiOf(page: Page, baseUrl: string, csrfToken = '') {
  const url = (p: string) => `${baseUrl}/api/v1${p}`;
  return {
    get: (p: string) => page.request.get(url(p)),
    post: (p: string, data?: unknown) => page.request.post(url(p), { data, headers: { 'x-csrf-token': csrfToken } }),
    /** A multipart upload: `file` as { name, mimeType, buffer } and any text fields beside it. */
    upload: (p: string, multipart: Record<string, string | { name: string; mimeType: string; buffer: Buffer }>) =>
      page.request.post(url(p), { multipart, headers: { 'x-csrf-token': csrfToken } }),
  };
}

export async function json<T>(res: APIResponse): Promise<T> {
  expect(res.ok(), `${res.status()} ${await res.text()}`).toBe(true);
  return (await res.json()) as T;
}

export interface PageOf<T> {
  items: T[];
  total: number;
}

/** The entries of the console's side menu, as shown. */
export async function menuEntries(page: Page): Promise<string[]> {
  await page.locator('.ant-menu-item').first().waitFor();
  return page.locator('.ant-menu-item .ant-menu-title-content').allTextContents();
}
