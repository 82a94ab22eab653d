import { clearSession, currentToken, keepSessionAlive } from '../auth/session.store';
import type { LoginAnswer } from './types';

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
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Query;
  /** Public routes (board, login) send no token and a 401 there is an answer, not a logout. */
  auth?: boolean;
  signal?: AbortSignal;
  /** What the caller reads (JSON unless said otherwise, e.g. `text/event-stream`). */
  accept?: string;
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
  const headers: Record<string, string> = { accept: opts.accept ?? 'application/json' };
  const token = currentToken();
  if (auth && token) headers.authorization = `Bearer ${token}`;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(withQuery(path, opts.query), {
    method: opts.method ?? (opts.body === undefined ? 'GET' : 'POST'),
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    signal: opts.signal,
    cache: opts.accept === 'text/event-stream' ? 'no-store' : undefined,
  });
  if (res.status === 401 && auth) {
    clearSession();
    onUnauthorized();
  }
  return res;
}

/**
 * GETs sent ahead of the page that needs them (`preloadRoute` starts them while the page's code
 * loads), by URL: the first identical call within a few seconds, with the same token, takes the
 * answer instead of asking again. Once only: later calls (polls, reloads) ask the API.
 */
const ahead = new Map<string, { at: number; token: string | null; answer: Promise<unknown> }>();
const AHEAD_MS = 10_000;

/** Sends a GET now that the page will make shortly (see {@link ahead}); answers its answer. */
export function fetchAhead<T>(path: string, query?: Query): Promise<T> {
  const url = withQuery(path, query);
  const sent = ahead.get(url);
  if (sent) return sent.answer as Promise<T>;
  const entry = { at: Date.now(), token: currentToken(), answer: request(url, {}) };
  entry.answer.catch(() => undefined); // the page that takes it handles the failure
  ahead.set(url, entry);
  setTimeout(() => ahead.get(url) === entry && ahead.delete(url), AHEAD_MS);
  return entry.answer as Promise<T>;
}

/** Calls the hub's API; resolves with its JSON, rejects with an {@link ApiError}. */
export function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  if (
    opts.method === undefined &&
    opts.body === undefined &&
    opts.signal === undefined &&
    opts.auth !== false
  ) {
    const url = withQuery(path, opts.query);
    const early = ahead.get(url);
    if (early) {
      ahead.delete(url);
      if (Date.now() - early.at < AHEAD_MS && early.token === currentToken())
        return early.answer as Promise<T>;
    }
  }
  return request<T>(path, opts);
}

async function request<T>(path: string, opts: RequestOptions): Promise<T> {
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

/**
 * Opens a streaming response (the live events) with the bearer header: the token never goes into
 * the URL. A 401 ends the session like any other call.
 */
export function openStream(path: string, query: Query, signal: AbortSignal): Promise<Response> {
  return send(withQuery(path, query), { accept: 'text/event-stream', signal });
}

// An active user's session is renewed before it expires; an idle one ends at expiry (login page).
keepSessionAlive({
  refresh: () => api<LoginAnswer>('/api/v1/auth/refresh', { method: 'POST' }),
  expired: () => onUnauthorized(),
});
