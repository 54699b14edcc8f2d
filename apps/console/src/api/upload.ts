import { buildPath, type Endpoint, type ResponseOf } from '@huzhu/core';
import { ApiError, buildUrl, getCsrfToken, toApiError, transportMessages } from './http-client.ts';

export interface UploadHandlers {
  /** Bytes sent so far, as a fraction 0–1 (fetch cannot report this, hence XMLHttpRequest). */
  onProgress(fraction: number): void;
  /** Every byte is sent; the server is now reading the file. */
  onUploaded(): void;
}

export interface UploadHandle<T> {
  result: Promise<T>;
  abort(): void;
}

export interface UploadOptions {
  /** Text fields of the form, appended before the file part. */
  fields?: Record<string, string>;
  headers?: Record<string, string>;
}

/** Posts one file as multipart field `file` (with any text fields), reporting real upload progress. */
export function uploadFile<T>(
  path: string,
  file: File,
  handlers: UploadHandlers,
  options: UploadOptions = {},
): UploadHandle<T> {
  const xhr = new XMLHttpRequest();
  const result = new Promise<T>((resolve, reject) => {
    xhr.open('POST', buildUrl(path));
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    const csrf = getCsrfToken();
    if (csrf) xhr.setRequestHeader('x-csrf-token', csrf);
    for (const [name, value] of Object.entries(options.headers ?? {})) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) handlers.onProgress(e.loaded / e.total);
    };
    xhr.upload.onload = () => {
      handlers.onProgress(1);
      handlers.onUploaded();
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(JSON.parse(xhr.responseText) as T);
        } catch {
          reject(toApiError(xhr.status, ''));
        }
      } else reject(toApiError(xhr.status, xhr.responseText));
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', transportMessages.network));
    xhr.onabort = () => reject(new ApiError(0, 'ABORTED', '上传已取消'));
    const form = new FormData();
    for (const [name, value] of Object.entries(options.fields ?? {})) form.append(name, value);
    form.append('file', file, file.name);
    xhr.send(form);
  });
  return { result, abort: () => xhr.abort() };
}

/**
 * An upload endpoint of core's definitions (`staffEndpoints`), answered as its response type: the typed client's
 * transport is fetch, which cannot report upload progress, so files go through uploadFile.
 */
export function uploadTo<E extends Endpoint>(
  endpoint: E,
  params: Record<string, string>,
  file: File,
  handlers: UploadHandlers,
  options: UploadOptions = {},
): UploadHandle<ResponseOf<E>> {
  return uploadFile<ResponseOf<E>>(buildPath(endpoint.path, params), file, handlers, options);
}
