import { type LiveCaseEvent } from './live-scope';

/**
 * The case events this process received in the last few minutes, so a browser that lost its
 * stream for a moment (a proxy cut it, the laptop slept briefly, it reconnected to another API
 * process) gets what it missed instead of refetching every list. Times are this process's clock.
 */
export class RecentEvents {
  private items: { at: number; event: LiveCaseEvent }[] = [];
  private head = 0;
  /** From when on nothing is missing (null: the feed has not joined yet). */
  private coveredSince: number | null = null;

  constructor(
    private readonly keepMs = 5 * 60_000,
    private readonly max = 20_000,
  ) {}

  /** The feed (re)joined at `at`: whatever happened before may be missing. */
  restart(at: number): void {
    this.items = [];
    this.head = 0;
    this.coveredSince = at;
  }

  add(event: LiveCaseEvent, at: number): void {
    this.items.push({ at, event });
    while (this.head < this.items.length) {
      const oldest = this.items[this.head];
      if (this.items.length - this.head <= this.max && oldest.at >= at - this.keepMs) break;
      this.coveredSince = Math.max(this.coveredSince ?? 0, oldest.at + 1);
      this.head++;
    }
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }

  /** Events received at or after `since`, oldest first; null when the buffer does not reach back that far. */
  since(since: number): LiveCaseEvent[] | null {
    if (this.coveredSince === null || since < this.coveredSince) return null;
    const out: LiveCaseEvent[] = [];
    for (let i = this.head; i < this.items.length; i++) {
      if (this.items[i].at >= since) out.push(this.items[i].event);
    }
    return out;
  }

  get size(): number {
    return this.items.length - this.head;
  }
}
