import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { type Consumer, type Kafka } from 'kafkajs';
import { parseCaseEvent, Topics } from '@hub/contracts';
import { KAFKA, TopicNaming } from '@hub/messaging';
import { type LiveCaseEvent, toLiveEvent } from './live-scope';
import { RecentEvents } from './recent-events';

export interface FeedListener {
  event(e: LiveCaseEvent): void;
  /** The feed lost its place (it rejoined the broker): events may be missing, lists should reload. */
  resync(): void;
}

/**
 * `hub.case-events.v1` for the live stream. Every API process must see every event (its browsers
 * may care about any case), so each reads the topic in a consumer group of its own, from the
 * latest offset, and commits nothing: the group leaves nothing behind when the process stops, and
 * a restarted process starts from "now" (browsers reconnect and reload what they show). Events it
 * cannot read are skipped here: the topic's owning consumers dead-letter them.
 */
@Injectable()
export class CaseEventFeed implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly log = new Logger('live-feed');
  private readonly listeners = new Set<FeedListener>();
  readonly recent = new RecentEvents();
  private consumer: Consumer | null = null;
  private stopping = false;
  private joins = 0;
  private awaitingFetch = false;
  private fetching = false;
  private readyWaiters: (() => void)[] = [];
  private retryTimer: NodeJS.Timeout | undefined;
  readonly groupId: string;

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(TopicNaming) private readonly naming: TopicNaming,
  ) {
    const host = hostname().replace(/[^a-zA-Z0-9_-]/g, '-');
    this.groupId = naming.group(`api-live.${host}.${process.pid}.${randomUUID().slice(0, 8)}`);
  }

  onApplicationBootstrap(): void {
    void this.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.retryTimer);
    await this.consumer?.disconnect().catch(() => undefined);
    this.consumer = null;
  }

  /** True once the feed reads the topic (its first fetch after joining). */
  get ready(): boolean {
    return this.fetching;
  }

  /** Resolves true when the feed reads the topic, false if it does not within `timeoutMs`. */
  whenReady(timeoutMs: number): Promise<boolean> {
    if (this.fetching) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.readyWaiters = this.readyWaiters.filter((w) => w !== done);
        resolve(false);
      }, timeoutMs);
      this.readyWaiters.push(done);
    });
  }

  subscribe(listener: FeedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get subscribers(): number {
    return this.listeners.size;
  }

  private async start(): Promise<void> {
    if (this.stopping) return;
    const consumer = this.kafka.consumer({
      groupId: this.groupId,
      allowAutoTopicCreation: false,
      maxWaitTimeInMs: 1000,
    });
    this.consumer = consumer;
    const { GROUP_JOIN, FETCH, CRASH, STOP } = consumer.events;
    consumer.on(GROUP_JOIN, () => {
      this.joins++;
      this.awaitingFetch = true;
    });
    // The first fetch after a join has resolved the offsets ("latest"): from then on nothing is missed.
    consumer.on(FETCH, () => {
      if (!this.awaitingFetch) return;
      this.awaitingFetch = false;
      this.recent.restart(Date.now());
      if (this.joins > 1) {
        this.log.warn('rejoined the broker: telling browsers to reload');
        for (const l of this.listeners) l.resync();
      }
      this.markReady();
    });
    consumer.on(STOP, () => (this.fetching = false));
    consumer.on(CRASH, ({ payload }) => {
      this.fetching = false;
      if (!payload.restart) {
        this.log.error(`live feed stopped: ${String(payload.error)}; starting again in 5 s`);
        this.retry();
      }
    });
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: [this.naming.topic(Topics.caseEvents)], fromBeginning: false });
      await consumer.run({
        autoCommit: false,
        partitionsConsumedConcurrently: 3,
        eachMessage: async ({ message }) => this.receive(message.value),
      });
      this.log.log(`group ${this.groupId} reads ${Topics.caseEvents} for the live stream`);
    } catch (e) {
      this.log.error(
        `live feed could not start: ${e instanceof Error ? e.message : String(e)}; again in 5 s`,
      );
      this.retry();
    }
  }

  private retry(): void {
    if (this.stopping) return;
    const old = this.consumer;
    this.consumer = null;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      void (old?.disconnect() ?? Promise.resolve()).catch(() => undefined).then(() => this.start());
    }, 5000);
  }

  private markReady(): void {
    this.fetching = true;
    const waiters = this.readyWaiters;
    this.readyWaiters = [];
    for (const w of waiters) w();
  }

  private receive(value: Buffer | null): Promise<void> {
    let event;
    try {
      event = value ? parseCaseEvent(value) : null;
    } catch (e) {
      this.log.debug(`skipped an unreadable case event: ${e instanceof Error ? e.message : String(e)}`);
      return Promise.resolve();
    }
    if (!event) return Promise.resolve();
    const live = toLiveEvent(event);
    this.recent.add(live, Date.now());
    for (const l of this.listeners) l.event(live);
    return Promise.resolve();
  }
}
