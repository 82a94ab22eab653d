import { Logger } from '@nestjs/common';
import { type MessagePublisher, type OutgoingMessage } from './message-publisher';

/** One row of the transactional outbox: a message written in the same transaction as its cause. */
export interface OutboxRecord {
  id: string;
  topic: string;
  key: string | null;
  payload: string;
  headers: Record<string, string>;
}

/** Port: the outbox table. The relay is its only reader. */
export interface OutboxStore {
  /**
   * Hands the oldest unpublished records (at most `limit`, in write order) to `publish` and marks
   * them published once it resolves; returns how many were published. Only one caller at a time
   * gets records (across processes), so per-key order is kept.
   */
  publishNext(limit: number, publish: (records: OutboxRecord[]) => Promise<void>): Promise<number>;
  /** Resolves when new records may be waiting, or after `timeoutMs`. */
  waitForNews(timeoutMs: number): Promise<void>;
  /** Ends a pending {@link waitForNews} now (used when the relay stops). */
  interrupt(): void;
}

/**
 * Relays the outbox to Kafka, in order, at least once: a crash between publishing and marking
 * publishes the same records again, and consumers are idempotent on the event id.
 */
export class OutboxRelay {
  private running = false;
  private loop: Promise<void> | null = null;
  private readonly log = new Logger(OutboxRelay.name);
  published = 0;

  constructor(
    private readonly store: OutboxStore,
    private readonly publisher: MessagePublisher,
    private readonly batchSize = 500,
    private readonly idleWaitMs = 1000,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.store.interrupt();
    await this.loop;
  }

  /** Publishes everything that is waiting now; returns the count (used by tests and the loop). */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.store.publishNext(this.batchSize, (records) => this.publish(records));
      total += n;
      if (n < this.batchSize) return total;
    }
  }

  private async publish(records: OutboxRecord[]): Promise<void> {
    // Consecutive records of one topic go out in one request; the order across the batch is kept.
    let i = 0;
    while (i < records.length) {
      const topic = records[i].topic;
      const run: OutgoingMessage[] = [];
      for (; i < records.length && records[i].topic === topic; i++) {
        run.push({ key: records[i].key, value: records[i].payload, headers: records[i].headers });
      }
      await this.publisher.publish(topic, run);
    }
    this.published += records.length;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        const n = await this.drain();
        failures = 0;
        if (n === 0) await this.store.waitForNews(this.idleWaitMs);
      } catch (e) {
        failures++;
        const wait = Math.min(10000, 200 * 2 ** Math.min(failures, 6));
        this.log.warn(`outbox relay failed (${String(e)}); retrying in ${wait} ms`);
        await new Promise((r) => setTimeout(r, wait));
      }
    }
  }
}
