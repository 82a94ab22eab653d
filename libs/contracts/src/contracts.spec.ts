import { InvalidMessageError } from './invalid-message.error';
import { asCaseCreated, parseCaseEvent } from './case-event.v1.parse';
import { parseReceivedMessage } from './received-message.v1.parse';

const buf = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v), 'utf8');

const received = {
  eventId: 'e1',
  type: 'message.received',
  version: 1,
  occurredAt: '2026-11-28T09:00:00+08:00',
  messageId: 'm1',
  caseId: 'c1',
  channel: 'board',
  externalRef: 'p1',
  trackingCode: 'ABC',
  receivedAt: '2026-11-28T09:00:00+08:00',
  kind: null,
  urgency: 'normal',
  title: '油烟',
  content: '餐馆油烟扰民',
  policyDocNo: null,
  address: null,
  street: null,
  sourceDueAt: null,
  location: { latitude: 31.23, longitude: 121.45 },
  serviceCode: 'noise',
  personalDataKinds: ['phone'],
};

function problemsOf(f: () => unknown): string[] {
  try {
    f();
  } catch (e) {
    if (e instanceof InvalidMessageError) return e.problems.map((p) => `${p.field}: ${p.problem}`);
    throw e;
  }
  throw new Error('expected an InvalidMessageError');
}

describe('parseReceivedMessage', () => {
  it('accepts a valid event and normalises timestamps to UTC', () => {
    const e = parseReceivedMessage(buf(received));
    expect(e.caseId).toBe('c1');
    expect(e.receivedAt).toBe('2026-11-28T01:00:00.000Z');
    expect(e.personalDataKinds).toEqual(['phone']);
  });

  it('names every wrong field', () => {
    const problems = problemsOf(() =>
      parseReceivedMessage(
        buf({ ...received, channel: 'fax', receivedAt: 'yesterday', content: 42, caseId: undefined }),
      ),
    );
    expect(problems).toEqual([
      'caseId: is required',
      'channel: must be one of hotline, board, portal, open311, not "fax"',
      'receivedAt: must be an ISO 8601 timestamp such as 2026-11-28T09:30:00+08:00, not "yesterday"',
      'content: must be a string, not number',
    ]);
  });

  it('rejects bytes that are not UTF-8 JSON objects', () => {
    expect(problemsOf(() => parseReceivedMessage(buf('not json')))[0]).toMatch(/^\(message\): is not JSON/);
    expect(problemsOf(() => parseReceivedMessage(Buffer.from([0xff, 0xfe, 0x7b])))).toEqual([
      '(message): is not valid UTF-8',
    ]);
    expect(problemsOf(() => parseReceivedMessage(buf('[1]')))).toEqual(['(message): must be a JSON object']);
    expect(problemsOf(() => parseReceivedMessage(Buffer.alloc(0)))).toEqual(['(message): is empty']);
  });
});

describe('parseCaseEvent', () => {
  const created = {
    eventId: 'e2',
    type: 'case.created',
    version: 1,
    occurredAt: '2026-11-28T01:00:00Z',
    caseId: 'c1',
    channel: 'hotline',
    externalRef: 't1',
    departmentCode: null,
    status: 'received',
    dueAt: null,
    data: { title: 'x' },
  };

  it('accepts a known type', () => {
    expect(parseCaseEvent(buf(created))?.data).toEqual({ title: 'x' });
  });

  it('skips a type it does not know (not a breaking change)', () => {
    expect(parseCaseEvent(buf({ ...created, type: 'case.archived' }))).toBeNull();
  });

  it('rejects a bad version and status', () => {
    expect(problemsOf(() => parseCaseEvent(buf({ ...created, version: 0, status: 'lost' })))).toEqual([
      'version: must be an integer ≥ 1',
      'status: must be one of received, pending-dispatch, assigned, accepted, reply-review, replied, closed, merged, not "lost"',
    ]);
  });

  it('checks the data of case.created, naming fields with their path', () => {
    const event = parseCaseEvent(
      buf({ ...created, data: { content: '油烟', receivedAt: '2026-11-28T09:00:00+08:00' } }),
    )!;
    expect(asCaseCreated(event).data).toMatchObject({
      content: '油烟',
      urgency: 'normal',
      receivedAt: '2026-11-28T01:00:00.000Z',
      title: null,
    });
    expect(problemsOf(() => asCaseCreated(parseCaseEvent(buf(created))!))).toEqual([
      'data.content: is required',
      'data.receivedAt: is required',
    ]);
  });
});
