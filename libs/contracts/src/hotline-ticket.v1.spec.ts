import { InvalidMessageError } from './invalid-message.error';
import { parseHotlineTicket } from './hotline-ticket.v1';

const buf = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v), 'utf8');
const ticket = {
  ticketId: 'T20261128-0001',
  receivedAt: '2026-11-28T09:15:00+08:00',
  kind: 'complaint',
  urgency: 'urgent',
  title: '夜间施工噪声',
  content: '共和新路工地夜间施工噪声扰民',
  caller: { name: '张先生', phone: '13812345678' },
  address: '共和新路某号',
  street: '共和新路街道',
  hotlineCategory: '环境保护/噪声',
  dueAt: '2026-12-01T17:30:00+08:00',
  attachments: [{ name: '现场.jpg', url: 'https://example.org/a.jpg' }],
};

function problems(v: unknown): string[] {
  try {
    parseHotlineTicket(buf(v));
  } catch (e) {
    if (e instanceof InvalidMessageError) return e.problems.map((p) => `${p.field}: ${p.problem}`);
    throw e;
  }
  return [];
}

describe('parseHotlineTicket', () => {
  it('accepts a full ticket and normalises times to UTC', () => {
    const t = parseHotlineTicket(buf(ticket));
    expect(t).toMatchObject({
      ticketId: 'T20261128-0001',
      kind: 'complaint',
      urgency: 'urgent',
      receivedAt: '2026-11-28T01:15:00.000Z',
    });
    expect(t.caller).toEqual({ name: '张先生', phone: '13812345678' });
    expect(t.attachments).toEqual([{ name: '现场.jpg', url: 'https://example.org/a.jpg' }]);
  });

  it('defaults urgency to normal and accepts a minimal ticket', () => {
    const t = parseHotlineTicket(
      buf({ ticketId: 'x', receivedAt: '2026-11-28T01:00:00Z', kind: 'help', content: '求助' }),
    );
    expect(t).toMatchObject({ urgency: 'normal', caller: null, attachments: [], dueAt: null });
  });

  it('names every missing or wrong field, nested ones with their path', () => {
    expect(
      problems({
        ...ticket,
        ticketId: undefined,
        kind: 'praise',
        receivedAt: 'yesterday',
        caller: { phone: 138 },
        attachments: [{ name: 'a' }, 3],
      }),
    ).toEqual([
      'caller.phone: must be a string, not number',
      'attachments[1]: must be an object',
      'attachments[0].url: is required',
      'ticketId: is required',
      'receivedAt: must be an ISO 8601 timestamp such as 2026-11-28T09:30:00+08:00, not "yesterday"',
      'kind: must be one of consultation, help, complaint, suggestion, report, not "praise"',
    ]);
  });

  it('rejects empty, blank and oversized content', () => {
    expect(problems({ ...ticket, content: '' })).toEqual(['content: must have at least 1 characters']);
    expect(problems({ ...ticket, content: '   ' })).toEqual(['content: must not be blank']);
    expect(problems({ ...ticket, content: '字'.repeat(20001) })).toEqual([
      'content: must have at most 20000 characters, has 20001',
    ]);
  });

  it('rejects a message that is too large, not UTF-8 or not JSON', () => {
    expect(problems({ ...ticket, content: 'x'.repeat(300 * 1024) })[0]).toMatch(
      /^\(message\): is \d+ bytes, more than 262144/,
    );
    expect(() => parseHotlineTicket(Buffer.from([0x7b, 0xc3, 0x28, 0x7d]))).toThrow('is not valid UTF-8');
    expect(problems('ticketId=1')[0]).toMatch(/^\(message\): is not JSON/);
  });
});
