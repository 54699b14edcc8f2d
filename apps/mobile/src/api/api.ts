import { ApiError, createMemberApiClient } from '@huzhu/core';

/** The app's one API client (core's typed member client, same origin, cookie session). */
export const api = createMemberApiClient();

/** The Chinese message of a failed call, for a toast or an inline error. */
export const messageOf = (e: unknown): string =>
  e instanceof ApiError ? e.message : e instanceof Error ? e.message : '操作失败，请稍后再试';
export const codeOf = (e: unknown): string | null => (e instanceof ApiError ? e.code : null);
