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

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The session as React state: components re-render on login and logout. */
export function useSession(): Session | null {
  return useSyncExternalStore(subscribe, read);
}
