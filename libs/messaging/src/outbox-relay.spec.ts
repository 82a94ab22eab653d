import { type MessagePublisher, type OutgoingMessage } from './message-publisher';
import { OutboxRelay, type OutboxRecord, type OutboxStore } from './outbox-relay';

/** An in-memory outbox with the same contract as the PostgreSQL one. */
class MemoryOutbox implements OutboxStore {
  published = new Set<string>();
  constructor(readonly records: OutboxRecord[]) {}
  async publishNext(limit: number, publish: (r: OutboxRecord[]) => Promise<void>): Promise<number> {
    const batch = this.records.filter((r) => !this.published.has(r.id)).slice(0, limit);
    if (batch.length === 0) return 0;
    await publish(batch);
    batch.forEach((r) => this.published.add(r.id));
    return batch.length;
  }
  waitForNews(): Promise<void> {
    return Promise.resolve();
  }
  interrupt(): void {}
}

class RecordingPublisher implements MessagePublisher {
  sent: { topic: string; messages: OutgoingMessage[] }[] = [];
  failNext = false;
  publish(topic: string, messages: OutgoingMessage[]): Promise<void> {
    if (this.failNext) {
      this.failNext = false;
      return Promise.reject(new Error('broker unavailable'));
    }
    this.sent.push({ topic, messages });
    return Promise.resolve();
  }
  disconnect(): Promise<void> {
    return Promise.resolve();
  }
}

const rec = (id: number, topic: string, key: string): OutboxRecord => ({
  id: String(id),
  topic,
  key,
  payload: `p${id}`,
  headers: {},
});

describe('OutboxRelay', () => {
  it('publishes in write order, grouping consecutive records of one topic', async () => {
    const store = new MemoryOutbox([
      rec(1, 'a', 'k1'),
      rec(2, 'a', 'k2'),
      rec(3, 'b', 'k1'),
      rec(4, 'a', 'k1'),
    ]);
    const publisher = new RecordingPublisher();
    const relay = new OutboxRelay(store, publisher, 10);
    expect(await relay.drain()).toBe(4);
    expect(publisher.sent.map((s) => [s.topic, s.messages.map((m) => m.value)])).toEqual([
      ['a', ['p1', 'p2']],
      ['b', ['p3']],
      ['a', ['p4']],
    ]);
    expect(await relay.drain()).toBe(0);
  });

  it('drains in batches', async () => {
    const store = new MemoryOutbox(Array.from({ length: 25 }, (_, i) => rec(i + 1, 't', `k${i}`)));
    const publisher = new RecordingPublisher();
    expect(await new OutboxRelay(store, publisher, 10).drain()).toBe(25);
    expect(publisher.sent).toHaveLength(3);
  });

  it('leaves a batch unpublished when the broker fails, and sends it on the next try', async () => {
    const store = new MemoryOutbox([rec(1, 't', 'k')]);
    const publisher = new RecordingPublisher();
    publisher.failNext = true;
    const relay = new OutboxRelay(store, publisher, 10);
    await expect(relay.drain()).rejects.toThrow('broker unavailable');
    expect(store.published.size).toBe(0);
    expect(await relay.drain()).toBe(1);
    expect(publisher.sent[0].messages[0].value).toBe('p1');
  });
});
