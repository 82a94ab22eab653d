import { type Clock, type IdGenerator } from '@hub/config';
import { type IncomingMessage } from './incoming-message';
import { type IntakeStore, type ReceivedRecord, type SaveReceivedResult } from './intake-store.port';
import { matchPolicy } from './policy-registry.port';
import { ReceiveMessageUseCase } from './receive-message.use-case';

class MemoryIntakeStore implements IntakeStore {
  readonly saved = new Map<string, ReceivedRecord>();
  saveReceived(record: ReceivedRecord): Promise<SaveReceivedResult> {
    const key = `${record.event.channel}/${record.event.externalRef}`;
    const existing = this.saved.get(key);
    if (existing) {
      const { messageId, caseId, trackingCode } = existing.event;
      return Promise.resolve({ created: false, existing: { messageId, caseId, trackingCode } });
    }
    this.saved.set(key, record);
    return Promise.resolve({ created: true });
  }
}

const clock: Clock = { now: () => new Date('2026-11-28T01:30:00.000Z') };
let n = 0;
const ids: IdGenerator = { uuid: () => `id-${++n}`, trackingCode: () => 'TRACK0000001' };

const registry = {
  match: (c: string[]) => Promise.resolve(matchPolicy([{ id: 'pol-1', docNo: '静府办发〔2026〕4号' }], c)),
};

const post = (over: Partial<IncomingMessage> = {}): IncomingMessage => ({
  channel: 'board',
  externalRef: 'p-1',
  receivedAt: null,
  kind: 'consultation',
  urgency: 'normal',
  title: '关于政府开放月的咨询',
  content: '请问政府开放月如何报名？',
  contact: {},
  policyDocNo: null,
  address: null,
  street: null,
  sourceDueAt: null,
  ...over,
});

describe('ReceiveMessageUseCase', () => {
  it('masks personal data in the text and keeps the raw values apart', async () => {
    const store = new MemoryIntakeStore();
    await new ReceiveMessageUseCase(store, clock, ids, registry).execute(
      post({
        content: '我的电话是１３９１２３４５６７８，邮箱 zhang@example.com',
        contact: { name: '张三', phone: '13912345678' },
      }),
    );
    const [record] = [...store.saved.values()];
    expect(record.event.content).toBe('我的电话是139****5678，邮箱 z***@example.com');
    expect(record.found.map((f) => [f.kind, f.value])).toEqual([
      ['phone', '13912345678'],
      ['email', 'zhang@example.com'],
    ]);
    expect(record.contact).toEqual({ name: '张三', phone: '13912345678' });
    expect(record.event.personalDataKinds).toEqual(['email', 'name', 'phone']);
    expect(JSON.stringify(record.event)).not.toContain('13912345678');
  });

  it('recognises a cited 文号 in the text, or canonicalises the one given', async () => {
    const store = new MemoryIntakeStore();
    const useCase = new ReceiveMessageUseCase(store, clock, ids, registry);
    await useCase.execute(post({ externalRef: 'a', content: '静府办发[2026] 4号 提到的开放月' }));
    await useCase.execute(post({ externalRef: 'b', policyDocNo: '静府办发（2026）第4号' }));
    await useCase.execute(post({ externalRef: 'c', policyDocNo: '某个文件' }));
    await useCase.execute(post({ externalRef: 'd', content: '政府开放月报名请问静府办发〔2026〕4号' }));
    const docs = [...store.saved.values()].map((r) => [r.event.policyDocNo, r.event.policyId]);
    expect(docs).toEqual([
      ['静府办发〔2026〕4号', 'pol-1'],
      ['静府办发〔2026〕4号', 'pol-1'],
      ['某个文件', null],
      ['静府办发〔2026〕4号', 'pol-1'], // text glued before the issuer: matched by suffix
    ]);
  });

  it('gives board posts a tracking code and a received time, and answers a repeat with the first ids', async () => {
    const useCase = new ReceiveMessageUseCase(new MemoryIntakeStore(), clock, ids, registry);
    const first = await useCase.execute(post({ externalRef: 'same' }));
    const again = await useCase.execute(post({ externalRef: 'same', content: 'changed' }));
    expect(first).toMatchObject({ trackingCode: 'TRACK0000001', duplicate: false });
    expect(again).toEqual({ ...first, duplicate: true });
  });

  it('makes a source id when the channel has none, and keeps the source deadline', () => {
    const record = new ReceiveMessageUseCase(new MemoryIntakeStore(), clock, ids, registry).prepare(
      post({ externalRef: null, sourceDueAt: new Date('2026-12-01T09:00:00+08:00'), channel: 'portal' }),
    );
    expect(record.event.externalRef).toBe(`portal-${record.event.messageId}`);
    expect(record.event.trackingCode).toBeNull();
    expect(record.event.receivedAt).toBe('2026-11-28T01:30:00.000Z');
    expect(record.event.sourceDueAt).toBe('2026-12-01T01:00:00.000Z');
  });
});
