import { useSyncExternalStore } from 'react';
import type { LoginAnswer, User } from '../api/types';

/**
 * The login session, kept in sessionStorage (one browser tab, gone when it closes): the bearer
 * token, its expiry and who it names.
 */
export interface Session {
  token: string;
  expiresAt: string;
  user: User;
}

const KEY = 'hub.session';
const listeners = new Set<() => void>();
let cached: { raw: string | null; session: Session | null } = { raw: null, session: null };

function read(): Session | null {
  const raw = sessionStorage.getItem(KEY);
  if (raw !== cached.raw) {
    let session: Session | null = null;
    try {
      session = raw ? (JSON.parse(raw) as Session) : null;
    } catch {
      session = null;
    }
    cached = { raw, session };
  }
  const s = cached.session;
  return s && Date.parse(s.expiresAt) > Date.now() ? s : null;
}

function changed(): void {
  for (const l of listeners) l();
  keeper.schedule();
}

export function currentSession(): Session | null {
  return read();
}

export function currentToken(): string | null {
  return read()?.token ?? null;
}

export function saveSession(answer: LoginAnswer): void {
  const session: Session = { token: answer.accessToken, expiresAt: answer.expiresAt, user: answer.user };
  sessionStorage.setItem(KEY, JSON.stringify(session));
  changed();
}

export function clearSession(): void {
  if (sessionStorage.getItem(KEY) === null) return;
  sessionStorage.removeItem(KEY);
  changed();
}

/** Calls `listener` on login, refresh and logout; returns the unsubscribe function. */
export function onSessionChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The session as React state: components re-render on login and logout. */
export function useSession(): Session | null {
  return useSyncExternalStore(onSessionChange, read);
}

/** Renew this long before the token expires. */
const REFRESH_AHEAD_MS = 2 * 60_000;
/** The user counts as active after a click, key press, scroll or touch in this page within this time. */
const ACTIVE_WITHIN_MS = 20 * 60_000;
/** A renewal that failed (network) is tried again after this while the token lasts. */
const RETRY_MS = 30_000;

/**
 * Keeps an active user signed in: in the last two minutes of a token, if the user clicked, typed,
 * scrolled or touched this page in the last 20 minutes (or does so now), it asks for a fresh one
 * (`POST /api/v1/auth/refresh`). An idle tab is left alone and, once its token has expired, goes
 * to the login page — whether or not a request noticed. The 401 of a refused renewal (account
 * disabled or locked) ends the session at once.
 */
class SessionKeeper {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastActivity = 0;
  private refresh: (() => Promise<LoginAnswer>) | undefined;
  private expired: () => void = () => undefined;
  private renewing = false;
  /** The stored session whose expiry was already reported. */
  private reported: string | null = null;

  start(opts: { refresh: () => Promise<LoginAnswer>; expired: () => void }): void {
    this.refresh = opts.refresh;
    this.expired = opts.expired;
    const active = () => {
      this.lastActivity = Date.now();
      const s = read();
      if (s && !this.renewing && Date.parse(s.expiresAt) - Date.now() <= REFRESH_AHEAD_MS) void this.tick();
    };
    for (const type of ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const) {
      window.addEventListener(type, active, { capture: true, passive: true });
    }
    this.schedule();
  }

  /** Wakes up when the current token enters its last two minutes (or ends an expired session now). */
  schedule(): void {
    clearTimeout(this.timer);
    if (!this.refresh || this.renewing) return;
    const session = read();
    if (!session) {
      // A token that ran out while nobody asked anything: the login page says so (once). The
      // stale entry stays until the next login replaces it: clearing it here would re-render the
      // layout into its own redirect before the router reaches the login page.
      const raw = sessionStorage.getItem(KEY);
      if (raw !== null && raw !== this.reported) {
        this.reported = raw;
        this.expired();
      }
      return;
    }
    const left = Date.parse(session.expiresAt) - Date.now();
    this.timer = setTimeout(() => void this.tick(), Math.max(0, left - REFRESH_AHEAD_MS));
  }

  private async tick(): Promise<void> {
    clearTimeout(this.timer);
    const session = read();
    if (!session || !this.refresh) return this.schedule();
    const left = Date.parse(session.expiresAt) - Date.now();
    if (left > REFRESH_AHEAD_MS + 1000) return this.schedule();
    let wake = left + 10; // idle: at expiry (activity before then renews at once)
    if (Date.now() - this.lastActivity < ACTIVE_WITHIN_MS) {
      this.renewing = true;
      try {
        const answer = await this.refresh();
        this.renewing = false;
        if (read()?.user.username === answer.user.username) saveSession(answer); // schedules the next
        return;
      } catch {
        // A 401 already ended the session (the client clears it); otherwise try again shortly.
        wake = Math.min(RETRY_MS, Math.max(0, Date.parse(session.expiresAt) - Date.now()) + 10);
      } finally {
        this.renewing = false;
      }
    }
    this.timer = setTimeout(() => (read() ? void this.tick() : this.schedule()), wake);
  }
}

const keeper = new SessionKeeper();

/** Starts renewing the session while its user is active (the API client calls it once). */
export function keepSessionAlive(opts: { refresh: () => Promise<LoginAnswer>; expired: () => void }): void {
  keeper.start(opts);
}
