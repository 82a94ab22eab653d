import { Logger } from '@nestjs/common';
import { type Response } from 'express';
import { type FeedListener } from './case-event-feed';
import { type LiveCaseEvent, type LiveScope, mayReceive } from './live-scope';
import { type RecentEvents } from './recent-events';

export interface LiveStreamOptions {
  /** A comment line this often keeps proxies and load balancers from closing an idle stream. */
  heartbeatMs: number;
  /** When the caller's token expires: the stream ends then with `event: expired`. */
  expiresAt: Date | null;
  /** How often an analyst's stream says how many cases changed (default 5 s, as lists used to poll). */
  countsEveryMs?: number;
  /** A client that reads slower than this many buffered bytes is cut off (it reconnects and replays). */
  maxBufferedBytes?: number;
}

/** Events a stream can be asked to replay when a browser reconnects, beyond what it lost itself. */
const REPLAY_MARGIN_MS = 1000;

/**
 * One browser's Server-Sent Events stream. Messages:
 * - `hello` first: `{scope, units, heartbeatMs, expiresAt, replayed}`;
 * - `case`: a {@link LiveCaseEvent} (id = the event id) the caller may see;
 * - `counts`: `{changed}` — analysts only, instead of case events;
 * - `resync`: events may be missing (the API process rejoined the broker, or a reconnecting
 *   browser asked for more than it remembers): reload what is shown;
 * - `expired`: the token ran out; the stream ends, the browser reconnects with a fresh token;
 * - comment lines (`: ping`) as heartbeats.
 */
export class LiveStream implements FeedListener {
  private static readonly log = new Logger('live-stream');
  private readonly timers: NodeJS.Timeout[] = [];
  private unsubscribe: (() => void) | undefined;
  private pendingCount = 0;
  private closed = false;

  constructor(
    private readonly res: Response,
    private readonly scope: LiveScope,
    private readonly options: LiveStreamOptions,
    private readonly onClose: () => void,
  ) {}

  /**
   * Starts the stream: headers, `hello`, what the browser missed during `replayMs` (when this
   * process still holds it, else `resync`), then live events. Subscribing and reading the recent
   * events happen in one turn of the event loop, so nothing falls between them.
   */
  open(feed: { recent: RecentEvents; subscribe(l: FeedListener): () => void }, replayMs?: number): void {
    const { res } = this;
    res.status(200);
    res.setHeader('content-type', 'text/event-stream; charset=utf-8');
    res.setHeader('cache-control', 'no-cache, no-store, no-transform');
    res.setHeader('connection', 'keep-alive');
    res.setHeader('x-accel-buffering', 'no'); // nginx: do not buffer the stream
    res.flushHeaders();
    res.socket?.setNoDelay(true);
    res.socket?.setTimeout(0);
    res.on('close', () => this.close());

    this.unsubscribe = feed.subscribe(this);
    const missed = replayMs === undefined ? [] : feed.recent.since(Date.now() - replayMs - REPLAY_MARGIN_MS);
    this.write(
      'hello',
      {
        scope: this.scope.kind,
        units: this.scope.kind === 'units' ? this.scope.units : null,
        heartbeatMs: this.options.heartbeatMs,
        expiresAt: this.options.expiresAt?.toISOString() ?? null,
        replayed: missed === null ? null : missed.filter((e) => this.visible(e)).length,
      },
      undefined,
      'retry: 3000\n',
    );
    if (missed === null) this.resync();
    else for (const e of missed) this.event(e);
    this.flushCounts();

    this.timers.push(
      setInterval(() => this.raw(`: ping ${new Date().toISOString()}\n\n`), this.options.heartbeatMs),
    );
    if (this.scope.kind === 'counts') {
      this.timers.push(setInterval(() => this.flushCounts(), this.options.countsEveryMs ?? 5000));
    }
    if (this.options.expiresAt) {
      const ms = Math.max(0, this.options.expiresAt.getTime() - Date.now());
      this.timers.push(
        setTimeout(() => {
          this.write('expired', { at: new Date().toISOString() });
          this.close();
        }, ms),
      );
    }
  }

  event(e: LiveCaseEvent): void {
    if (this.scope.kind === 'counts') {
      this.pendingCount++;
      return;
    }
    if (mayReceive(this.scope, e)) this.write('case', e, e.eventId);
  }

  resync(): void {
    this.pendingCount = 0;
    this.write('resync', { at: new Date().toISOString() });
  }

  /** Ends the stream (idempotent): timers, the feed subscription, the response. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.unsubscribe?.();
    if (!this.res.writableEnded) this.res.end();
    this.onClose();
  }

  private visible(e: LiveCaseEvent): boolean {
    return this.scope.kind === 'counts' || mayReceive(this.scope, e);
  }

  private flushCounts(): void {
    if (this.scope.kind !== 'counts' || this.pendingCount === 0) return;
    const changed = this.pendingCount;
    this.pendingCount = 0;
    this.write('counts', { changed });
  }

  private write(event: string, data: object, id?: string, prefix = ''): void {
    this.raw(`${prefix}${id ? `id: ${id}\n` : ''}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  private raw(chunk: string): void {
    if (this.closed) return;
    if (this.res.writableLength > (this.options.maxBufferedBytes ?? 1024 * 1024)) {
      LiveStream.log.warn('a live stream read too slowly and was cut off (the browser reconnects)');
      this.close();
      return;
    }
    this.res.write(chunk);
  }
}
