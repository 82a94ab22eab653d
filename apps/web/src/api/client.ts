import { clearSession, currentToken } from '../auth/session.store';

/** A refused request: the status and the API's `message` (with the fields a 400 names). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body: unknown,
  ) {
    super(message);
  }
}

type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH';
  body?: unknown;
  query?: Query;
  /** Public routes (board, login) send no token and a 401 there is an answer, not a logout. */
  auth?: boolean;
  signal?: AbortSignal;
}

let onUnauthorized: () => void = () => undefined;

/** What to do when a logged-in call answers 401 (the token expired): back to the login page. */
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/** The API's error text: `message` (a string or a list) and, for a 400, every field it names. */
function errorText(status: number, body: unknown): string {
  if (body && typeof body === 'object') {
    const b = body as { message?: unknown; errors?: { field?: string; problems?: string[] }[] };
    if (Array.isArray(b.errors) && b.errors.length) {
      return b.errors.map((e) => `${e.field ?? ''}: ${(e.problems ?? []).join('; ')}`).join(' · ');
    }
    if (Array.isArray(b.message)) return b.message.join('; ');
    if (typeof b.message === 'string') return b.message;
  }
  if (typeof body === 'string' && body) return body.slice(0, 300);
  return `HTTP ${status}`;
}

async function send(path: string, opts: RequestOptions): Promise<Response> {
  const auth = opts.auth ?? true;
  const headers: Record<string, string> = { accept: 'application/json' };
  const token = currentToken();
  if (auth && token) headers.authorization = `Bearer ${token}`;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(withQuery(path, opts.query), {
    method: opts.method ?? (opts.body === undefined ? 'GET' : 'POST'),
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    signal: opts.signal,
  });
  if (res.status === 401 && auth) {
    clearSession();
    onUnauthorized();
  }
  return res;
}

/** Calls the hub's API; resolves with its JSON, rejects with an {@link ApiError}. */
export async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const res = await send(path, opts);
  const text = await res.text();
  let body: unknown = undefined;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  if (!res.ok) throw new ApiError(res.status, errorText(res.status, body), body);
  return body as T;
}

/** Downloads a file from an authenticated route (e.g. the .xlsx export) with the bearer token. */
export async function download(path: string, query: Query, fallbackName: string): Promise<void> {
  const res = await send(withQuery(path, query), { auth: true });
  if (!res.ok) throw new ApiError(res.status, errorText(res.status, await res.text()), null);
  const disposition = res.headers.get('content-disposition') ?? '';
  const name = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1];
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name ? decodeURIComponent(name) : fallbackName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
