import { useEffect, useRef, useSyncExternalStore } from 'react';
import { currentSession, onSessionChange } from '../auth/session.store';
import { openStream } from './client';
import { type Polled, usePoll } from './hooks';
import type { CaseStatus } from './types';

/**
 * Push updates (`GET /api/v1/events`, Server-Sent Events read with fetch() so the bearer token
 * stays in a header): one stream per tab, shared by every page that shows cases. Lists reload
 * when an event concerns them; while the stream is down they poll every 30 s.
 */

/** One case changed: ids, status, unit and version (the list refetches the rest). */
export interface LiveCaseEvent {
  eventId: string;
  type: string;
  caseId: string;
  version: number;
  status: CaseStatus;
  departmentCode: string | null;
  /** The unit the case left (转办, 退单, 改派). */
  fromDepartmentCode: string | null;
  occurredAt: string;
}

export type LiveMessage =
  | { kind: 'case'; event: LiveCaseEvent }
  /** Analysts' streams: how many cases changed, no ids. */
  | { kind: 'counts'; changed: number }
  /** Events may be missing: reload what is shown. */
  | { kind: 'resync' };

/** `connecting` until the first `hello`; `down` while reconnecting (lists poll meanwhile). */
export type LiveState = 'connecting' | 'live' | 'down';

/** Polling while the stream is down, and a slow safety net while it is up. */
export const FALLBACK_POLL_MS = 30_000;
export const LIVE_SAFETY_POLL_MS = 5 * 60_000;

interface SseMessage {
  event: string;
  data: string;
  id?: string;
}

/** Splits a Server-Sent Events byte stream (decoded) into messages; comment lines are dropped. */
export class SseParser {
  private buffer = '';

  push(chunk: string): SseMessage[] {
    this.buffer = (this.buffer + chunk).replace(/\r\n?/g, '\n');
    const out: SseMessage[] = [];
    for (let end = this.buffer.indexOf('\n\n'); end >= 0; end = this.buffer.indexOf('\n\n')) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      const msg: SseMessage = { event: 'message', data: '' };
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (!line || line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') msg.event = value;
        else if (field === 'data') data.push(value);
        else if (field === 'id') msg.id = value;
      }
      if (data.length) out.push({ ...msg, data: data.join('\n') });
    }
    return out;
  }
}

type Listener = (m: LiveMessage) => void;

const RETRY_DELAYS_MS = [1000, 2000, 5000, 10_000, 30_000];
/** The stream stays open this long after the last page let go (navigating between pages). */
const LINGER_MS = 10_000;

/** The tab's one live stream: opened for the first subscriber, reconnecting with replay. */
class LiveConnection {
  private readonly listeners = new Set<Listener>();
  private readonly stateListeners = new Set<() => void>();
  private state: LiveState = 'connecting';
  private abort: AbortController | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private lingerTimer: ReturnType<typeof setTimeout> | undefined;
  private attempt = 0;
  /** Since when this tab may have missed events (none while the stream is live). */
  private missingSince: number | undefined;
  private lastByteAt = 0;
  private user: string | undefined;

  constructor() {
    onSessionChange(() => {
      // Another user in this tab (or none): the stream must not carry the previous user's cases.
      if (this.abort && currentSession()?.user.username !== this.user) this.restart(0);
    });
  }

  getState = (): LiveState => this.state;

  onState = (l: () => void): (() => void) => {
    this.stateListeners.add(l);
    return () => this.stateListeners.delete(l);
  };

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    clearTimeout(this.lingerTimer);
    if (!this.abort && this.retryTimer === undefined) {
      this.missingSince ??= Date.now();
      void this.connect();
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.lingerTimer = setTimeout(() => this.stop(), LINGER_MS);
    };
  }

  private setState(state: LiveState): void {
    if (state === this.state) return;
    this.state = state;
    for (const l of this.stateListeners) l();
  }

  private emit(m: LiveMessage): void {
    for (const l of this.listeners) l(m);
  }

  private stop(): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.abort?.abort();
    this.abort = undefined;
    this.missingSince = undefined;
    this.setState('connecting');
  }

  private restart(delayMs: number): void {
    this.abort?.abort();
    this.abort = undefined;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (this.listeners.size) void this.connect();
    }, delayMs);
  }

  private async connect(): Promise<void> {
    const session = currentSession();
    if (!session) {
      this.setState('down');
      return this.restart(5000);
    }
    this.user = session.user.username;
    const abort = new AbortController();
    this.abort = abort;
    let retryAfterMs: number | undefined;
    let wasLive = false;
    let watchdog: ReturnType<typeof setInterval> | undefined;
    try {
      const replayMs =
        this.missingSince === undefined ? undefined : Math.min(Date.now() - this.missingSince, 86_400_000);
      const res = await openStream('/api/v1/events', { replayMs }, abort.signal);
      if (!res.ok || !res.body) {
        const after = Number(res.headers.get('retry-after'));
        if (after > 0) retryAfterMs = after * 1000;
        throw new Error(`live stream: HTTP ${res.status}`);
      }
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      const parser = new SseParser();
      let heartbeatMs = 15_000;
      this.lastByteAt = Date.now();
      // No byte (not even a heartbeat) for a while: the connection is dead without knowing it.
      watchdog = setInterval(() => {
        if (Date.now() - this.lastByteAt > heartbeatMs * 2.5) abort.abort();
      }, 5000);
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        this.lastByteAt = Date.now();
        for (const msg of parser.push(value)) {
          const data = JSON.parse(msg.data) as Record<string, unknown>;
          switch (msg.event) {
            case 'hello':
              heartbeatMs = typeof data.heartbeatMs === 'number' ? data.heartbeatMs : heartbeatMs;
              wasLive = true;
              this.attempt = 0;
              this.missingSince = undefined;
              this.setState('live');
              break;
            case 'case':
              this.emit({ kind: 'case', event: data as unknown as LiveCaseEvent });
              break;
            case 'counts':
              this.emit({ kind: 'counts', changed: Number(data.changed) });
              break;
            case 'resync':
              this.emit({ kind: 'resync' });
              break;
            case 'expired':
              // The token the stream was opened with ran out: reconnect with the renewed one.
              retryAfterMs = 0;
              break;
          }
        }
      }
    } catch {
      // Refused, cut off, or aborted (page gone, watchdog, another user): decided below.
    } finally {
      clearInterval(watchdog);
    }
    if (this.abort !== abort) return; // stopped or restarted meanwhile
    this.abort = undefined;
    if (wasLive) this.missingSince = this.lastByteAt;
    this.setState(wasLive && retryAfterMs === 0 ? 'connecting' : 'down');
    const delay = retryAfterMs ?? RETRY_DELAYS_MS[Math.min(this.attempt, RETRY_DELAYS_MS.length - 1)];
    this.attempt++;
    this.restart(delay + (delay > 0 ? Math.random() * 500 : 0));
  }
}

const connection = new LiveConnection();

/**
 * Subscribes to the tab's live stream while the component is mounted (and `enabled`); returns the
 * stream's state for the page title.
 */
export function useLiveEvents(onMessage: Listener, enabled = true): LiveState {
  const ref = useRef(onMessage);
  ref.current = onMessage;
  useEffect(() => {
    if (!enabled) return;
    return connection.subscribe((m) => ref.current(m));
  }, [enabled]);
  return useSyncExternalStore(connection.onState, connection.getState);
}

/**
 * Reloads shortly after the first of a burst of events, then at most once a second — or, when the
 * list is slow to load (a busy server), no more often than twice its load time.
 */
const FIRST_RELOAD_AFTER_MS = 150;
const MIN_RELOAD_GAP_MS = 1000;

/**
 * {@link usePoll} driven by the live stream: `load()` runs again within about a second of an event
 * that `relevant` accepts (every event when it is omitted, and on `counts` and `resync`); while the
 * stream is down it polls every 30 s, while it is up every 5 minutes as a safety net.
 */
export function useLivePoll<T>(
  load: () => Promise<T>,
  key: string,
  relevant?: (e: LiveCaseEvent, data: T | undefined) => boolean,
): Polled<T> & { live: LiveState } {
  const dataRef = useRef<T | undefined>(undefined);
  const reloadRef = useRef<() => void>(() => undefined);
  const relevantRef = useRef(relevant);
  relevantRef.current = relevant;
  const throttle = useRef<{ timer?: ReturnType<typeof setTimeout>; last: number; loadMs: number }>({
    last: 0,
    loadMs: 0,
  });
  useEffect(() => () => clearTimeout(throttle.current.timer), []);

  // Subscribed before the first load starts, so nothing falls between the two.
  const live = useLiveEvents((m) => {
    if (m.kind === 'case' && relevantRef.current && !relevantRef.current(m.event, dataRef.current)) return;
    const t = throttle.current;
    if (t.timer !== undefined) return;
    const gap = Math.max(MIN_RELOAD_GAP_MS, 2 * t.loadMs);
    const wait = Math.max(FIRST_RELOAD_AFTER_MS, t.last + gap - Date.now());
    t.timer = setTimeout(() => {
      t.timer = undefined;
      t.last = Date.now();
      reloadRef.current();
    }, wait);
  });
  const timed = () => {
    const started = Date.now();
    return load().finally(() => (throttle.current.loadMs = Date.now() - started));
  };
  const polled = usePoll(timed, key, live === 'live' ? LIVE_SAFETY_POLL_MS : FALLBACK_POLL_MS);
  dataRef.current = polled.data;
  reloadRef.current = polled.reload;
  return { ...polled, live };
}

/**
 * For a case list: an event matters when the case is listed now or its new status is one the list
 * shows (`undefined`: every status).
 */
export function caseListRelevant(
  statuses: readonly CaseStatus[] | undefined,
): (e: LiveCaseEvent, data: { items: readonly { id: string }[] } | undefined) => boolean {
  return (e, data) =>
    !statuses || statuses.includes(e.status) || (data?.items.some((c) => c.id === e.caseId) ?? false);
}
