import type { FormInstance } from 'antd';
import { ApiError } from '../../api/client';
import { clearSession, currentToken } from '../../auth/session.store';

/** A form field's path as antd names it: `serviceItems.0.url` → `['serviceItems', 0, 'url']`. */
export function fieldPath(field: string): (string | number)[] {
  return field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/** The fields a refused request names (`errors: [{field, problems}]`, the API's 400/409 shape). */
export function apiFieldErrors(e: unknown): { field: string; problems: string[] }[] {
  if (!(e instanceof ApiError) || !e.body || typeof e.body !== 'object') return [];
  const errors = (e.body as { errors?: unknown }).errors;
  if (!Array.isArray(errors)) return [];
  return errors
    .filter(
      (x): x is { field: string; problems?: unknown } => typeof (x as { field?: unknown }).field === 'string',
    )
    .map((x) => ({
      field: x.field,
      problems: Array.isArray(x.problems) ? x.problems.map(String) : [],
    }));
}

/**
 * Shows the API's field errors next to the form's fields: `fields` are the form's top-level names,
 * `lists` those that are lists of items (`serviceItems.0.url` goes to that item's url; other nested
 * names go to their top-level field). Answers whether every error found its field (otherwise the
 * caller shows the whole error as a message too).
 */
export function showFieldErrors(
  form: FormInstance,
  e: unknown,
  fields: readonly string[],
  lists: readonly string[] = [],
): boolean {
  const errors = apiFieldErrors(e);
  if (!errors.length) return false;
  const placed = new Map<string, { name: (string | number)[]; errors: string[] }>();
  let unplaced = 0;
  for (const x of errors) {
    const [head, ...rest] = x.field.split('.');
    const name = lists.includes(head)
      ? rest.length >= 2
        ? fieldPath(x.field)
        : null
      : fields.includes(head)
        ? [head]
        : null;
    if (!name) {
      unplaced++;
      continue;
    }
    const key = name.join('.');
    placed.set(key, { name, errors: [...(placed.get(key)?.errors ?? []), ...x.problems] });
  }
  form.setFields([...placed.values()]);
  return unplaced === 0;
}

/**
 * Uploads `file` as multipart field `file` with the bearer token, reporting the bytes sent (0–100).
 * Resolves with the JSON answer, rejects with an {@link ApiError} carrying the API's message.
 */
export function uploadFile<T>(path: string, file: File, onProgress: (percent: number) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('accept', 'application/json');
    const token = currentToken();
    if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (ev) => {
      if (ev.lengthComputable) onProgress(Math.round((ev.loaded / ev.total) * 100));
    };
    xhr.onerror = () => reject(new Error(`${path}: network error`));
    xhr.onload = () => {
      let body: unknown = xhr.responseText;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        /* not JSON: keep the text */
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(body as T);
      if (xhr.status === 401) clearSession();
      const message =
        body && typeof body === 'object' && 'message' in body ? String(body.message) : `HTTP ${xhr.status}`;
      reject(new ApiError(xhr.status, message, body));
    };
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}
