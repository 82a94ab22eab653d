import { computeDeadlines, extendDeadline } from './compute-deadlines';
import { DeadlineError } from './deadline-error';
import { deadlineFromJSON, toJSON } from './deadline-json';
import { WorkCalendar } from './work-calendar';

const cal = WorkCalendar.chinese();
const { firstResponse, answer } = computeDeadlines(
  {
    channel: 'hotline',
    kind: 'complaint',
    urgency: 'normal',
    receivedAt: new Date('2025-09-30T18:05:00+08:00'),
    sourceDueAt: null,
  },
  cal,
);

describe('toJSON / deadlineFromJSON', () => {
  it('writes instants as ISO 8601 China time with +08:00', () => {
    expect(toJSON(answer)).toEqual({
      dueAt: '2025-10-14T17:30:00+08:00',
      warnAt: '2025-10-13T17:30:00+08:00',
      startedAt: '2025-10-09T09:00:00+08:00',
      rule: 'hotline.complaint: 5 working days',
      clock: 'working',
      amount: 5,
      unit: 'working-days',
      explanation: answer.explanation,
      calendarCoverage: 'chinese-days',
      extensions: [],
    });
  });

  it('round-trips through a jsonb column (JSON text) exactly', () => {
    for (const d of [answer, firstResponse, extendDeadline(answer, 3, cal)]) {
      const stored: unknown = JSON.parse(JSON.stringify(toJSON(d)));
      expect(deadlineFromJSON(stored)).toEqual(d);
    }
  });

  it('also reads JSON.stringify of a ComputedDeadline (UTC dates) and rows without the newer fields', () => {
    expect(deadlineFromJSON(JSON.parse(JSON.stringify(answer)))).toEqual(answer);
    const { calendarCoverage: _c, extensions: _e, ...older } = toJSON(answer);
    const read = deadlineFromJSON(older);
    expect(read.calendarCoverage).toBeNull();
    expect(read.extensions).toEqual([]);
  });

  it('keeps milliseconds', () => {
    const d = { ...answer, dueAt: new Date('2026-03-02T02:15:42.5Z') };
    expect(toJSON(d).dueAt).toBe('2026-03-02T10:15:42.500+08:00');
    expect(deadlineFromJSON(toJSON(d)).dueAt.getTime()).toBe(d.dueAt.getTime());
  });

  it.each([
    ['not an object', 'x', /object/],
    ['a bad instant', { ...toJSON(answer), dueAt: 'tomorrow' }, /dueAt/],
    ['an instant without an offset', { ...toJSON(answer), warnAt: '2025-10-13T17:30:00' }, /warnAt/],
    ['a bad clock', { ...toJSON(answer), clock: 'lunar' }, /clock/],
    ['a bad unit', { ...toJSON(answer), unit: 'weeks' }, /unit/],
    ['a missing rule', { ...toJSON(answer), rule: undefined }, /rule/],
    ['a bad explanation', { ...toJSON(answer), explanation: [1] }, /explanation/],
    ['a bad coverage', { ...toJSON(answer), calendarCoverage: 'full' }, /calendarCoverage/],
    ['bad extensions', { ...toJSON(answer), extensions: ['3'] }, /extensions/],
  ])('refuses %s', (_label, value, message) => {
    expect(() => deadlineFromJSON(value)).toThrow(DeadlineError);
    expect(() => deadlineFromJSON(value)).toThrow(message);
  });
});
