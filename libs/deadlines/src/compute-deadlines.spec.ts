import {
  type ComputedDeadline,
  computeDeadlines,
  type DeadlineInput,
  extendDeadline,
  rehandlingDeadline,
} from './compute-deadlines';
import { DeadlineError } from './deadline-error';
import { clockHours, DEFAULT_DEADLINE_POLICY, type DeadlinePolicy, workingDays } from './deadline-policy';
import { WorkCalendar } from './work-calendar';

/** Every expected instant below was worked out by hand on the real 2025–2026 calendar (China time). */
const at = (local: string): Date => new Date(`${local}+08:00`);
const iso = (d: Date): string => `${new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;
const brief = (d: ComputedDeadline) => ({
  startedAt: iso(d.startedAt),
  dueAt: iso(d.dueAt),
  warnAt: iso(d.warnAt),
  rule: d.rule,
  clock: d.clock,
  amount: d.amount,
  unit: d.unit,
});

const cal = WorkCalendar.chinese();

function input(overrides: Partial<DeadlineInput> & { receivedAt: Date }): DeadlineInput {
  return { channel: 'hotline', kind: 'complaint', urgency: 'normal', sourceDueAt: null, ...overrides };
}

describe('computeDeadlines — 12345 hotline', () => {
  it('National Day 2025: received Tuesday 30 September after hours, counts from Thursday 9 October', () => {
    const { firstResponse, answer } = computeDeadlines(input({ receivedAt: at('2025-09-30T18:05:00') }), cal);
    // 5 working days: 9, 10, 11 (调休 Saturday), 13, 14 October.
    expect(brief(answer)).toEqual({
      startedAt: '2025-10-09T09:00:00+08:00',
      dueAt: '2025-10-14T17:30:00+08:00',
      warnAt: '2025-10-13T17:30:00+08:00', // 4 of 5 working days
      rule: 'hotline.complaint: 5 working days',
      clock: 'working',
      amount: 5,
      unit: 'working-days',
    });
    // 签收: one working day; warning after 336 of 420 minutes: 09:00–12:00 (180) + 13:30–16:06 (156).
    expect(brief(firstResponse)).toEqual({
      startedAt: '2025-10-09T09:00:00+08:00',
      dueAt: '2025-10-09T17:30:00+08:00',
      warnAt: '2025-10-09T16:06:00+08:00',
      rule: 'hotline.firstResponse: 1 working day',
      clock: 'working',
      amount: 1,
      unit: 'working-days',
    });
    expect(answer.calendarCoverage).toBe('chinese-days');
    expect(answer.extensions).toEqual([]);
    expect(answer.explanation).toEqual([
      '规则 hotline.complaint：5 个工作日，每个工作日按 7 小时办公时间计 (rule hotline.complaint: 5 working days; a working day is 7 h of office time)',
      '受理 2025-09-30 18:05 在下班后，从 2025-10-09 09:00 起算 (received after office hours; counting from the next office period)',
      '2025-10-01 至 2025-10-05 国庆节 National Day 放假，不计时 (public holiday, not counted)',
      '2025-10-06 中秋 Mid-autumn Festival 放假，不计时 (public holiday, not counted)',
      '2025-10-07 至 2025-10-08 国庆节 National Day 放假，不计时 (public holiday, not counted)',
      '2025-10-11 调休上班 国庆节 National Day，计入工作日 (make-up working day, counted)',
      '到期 2025-10-14 17:30 (due)',
      '预警 2025-10-13 17:30：已用去时限的 80% (SLA warning when 80% of the allowed time has elapsed)',
    ]);
  });

  it('National Day 2025 from the Friday before: the 调休 Sunday counts, 1–8 October do not', () => {
    // Fri 26 Sep 16:00–17:30 (90) + Sun 28 + Mon 29 + Tue 30 (1260) + Thu 9 Oct (420) + Fri 10 Oct 09:00–16:00 (330).
    const { answer } = computeDeadlines(input({ receivedAt: at('2025-09-26T16:00:00') }), cal);
    expect(iso(answer.startedAt)).toBe('2025-09-26T16:00:00+08:00');
    expect(iso(answer.dueAt)).toBe('2025-10-10T16:00:00+08:00');
    expect(iso(answer.warnAt)).toBe('2025-10-09T16:00:00+08:00'); // 1680 minutes
    expect(answer.explanation).toContain(
      '2025-09-28 调休上班 国庆节 National Day，计入工作日 (make-up working day, counted)',
    );
  });

  it('National Day 2026: received Wednesday 30 September 18:05, counts from Thursday 8 October', () => {
    const { answer } = computeDeadlines(input({ receivedAt: at('2026-09-30T18:05:00') }), cal);
    // 8, 9, 10 (调休 Saturday), 12, 13 October.
    expect(iso(answer.startedAt)).toBe('2026-10-08T09:00:00+08:00');
    expect(iso(answer.dueAt)).toBe('2026-10-13T17:30:00+08:00');
    expect(answer.explanation[1]).toBe(
      '受理 2026-09-30 18:05 在下班后，从 2026-10-08 09:00 起算 (received after office hours; counting from the next office period)',
    );
  });

  it('Spring Festival 2026: Friday 13 February 15:00, over the 调休 Saturday and 15–23 February', () => {
    const { firstResponse, answer } = computeDeadlines(input({ receivedAt: at('2026-02-13T15:00:00') }), cal);
    // Fri 150 + Sat 14 (调休) 420 + Tue 24, Wed 25, Thu 26 (1260) + Fri 27 09:00–15:00 (270) = 2100.
    expect(iso(answer.dueAt)).toBe('2026-02-27T15:00:00+08:00');
    expect(iso(answer.warnAt)).toBe('2026-02-26T15:00:00+08:00');
    // 签收: Fri 150 + Sat 14 09:00–12:00 (180) + 13:30–15:00 (90).
    expect(iso(firstResponse.dueAt)).toBe('2026-02-14T15:00:00+08:00');
    expect(iso(firstResponse.warnAt)).toBe('2026-02-14T13:36:00+08:00');
    expect(answer.explanation).toContain(
      '2026-02-14 调休上班 春节 Spring Festival，计入工作日 (make-up working day, counted)',
    );
    expect(answer.explanation).toContain(
      '2026-02-15 至 2026-02-23 春节 Spring Festival 放假，不计时 (public holiday, not counted)',
    );
  });

  it('a make-up Saturday is a working day: received on it during office hours, the clock starts at once', () => {
    const { answer } = computeDeadlines(
      input({ kind: 'consultation', receivedAt: at('2025-10-11T10:00:00') }),
      cal,
    );
    expect(iso(answer.startedAt)).toBe('2025-10-11T10:00:00+08:00');
    expect(iso(answer.dueAt)).toBe('2025-10-13T10:00:00+08:00'); // Sunday 12 October is off
    expect(answer.rule).toBe('hotline.consultation: 1 working day');
    expect(answer.explanation[1]).toBe(
      '受理 2025-10-11 10:00 在工作时间内，立即起算 (received during office hours; the clock starts at once)',
    );
  });

  it('received during lunch (12:30) counts from 13:30 and lands at 12:00 the next day', () => {
    const { firstResponse, answer } = computeDeadlines(
      input({ kind: 'consultation', receivedAt: at('2026-03-02T12:30:00') }),
      cal,
    );
    expect(brief(answer)).toEqual({
      startedAt: '2026-03-02T13:30:00+08:00',
      dueAt: '2026-03-03T12:00:00+08:00', // 13:30–17:30 (240) + 09:00–12:00 (180): the end of a period
      warnAt: '2026-03-03T10:36:00+08:00', // 240 + 96
      rule: 'hotline.consultation: 1 working day',
      clock: 'working',
      amount: 1,
      unit: 'working-days',
    });
    expect(iso(firstResponse.dueAt)).toBe('2026-03-03T12:00:00+08:00');
    expect(answer.explanation[1]).toBe(
      '受理 2026-03-02 12:30 在午间休息时间，从 2026-03-02 13:30 起算 (received during the lunch break; counting from the next office period)',
    );
  });

  it.each([
    ['23:59 on Monday', '2026-03-02T23:59:00'],
    ['00:00 (midnight) on Tuesday', '2026-03-03T00:00:00'],
    ['08:00 on Tuesday', '2026-03-03T08:00:00'],
  ])(
    'received at %s: counts from Tuesday 09:00, one working day ends exactly at 17:30',
    (_label, received) => {
      const { answer } = computeDeadlines(input({ kind: 'suggestion', receivedAt: at(received) }), cal);
      expect(iso(answer.startedAt)).toBe('2026-03-03T09:00:00+08:00');
      expect(iso(answer.dueAt)).toBe('2026-03-03T17:30:00+08:00');
      expect(iso(answer.warnAt)).toBe('2026-03-03T16:06:00+08:00');
    },
  );

  it('midnight UTC is 08:00 China: before hours, same day', () => {
    const { answer } = computeDeadlines(
      input({ kind: 'consultation', receivedAt: new Date('2026-03-03T00:00:00Z') }),
      cal,
    );
    expect(iso(answer.startedAt)).toBe('2026-03-03T09:00:00+08:00');
  });

  it('year boundary: 31 December 2025 after hours → 元旦 1–3 January → the 调休 Sunday 4 January', () => {
    const consultation = computeDeadlines(
      input({ kind: 'consultation', receivedAt: at('2025-12-31T18:00:00') }),
      cal,
    ).answer;
    expect(iso(consultation.startedAt)).toBe('2026-01-04T09:00:00+08:00');
    expect(iso(consultation.dueAt)).toBe('2026-01-04T17:30:00+08:00');
    const complaint = computeDeadlines(input({ receivedAt: at('2025-12-31T18:00:00') }), cal).answer;
    expect(iso(complaint.dueAt)).toBe('2026-01-08T17:30:00+08:00'); // 4, 5, 6, 7, 8 January
    expect(complaint.explanation).toContain(
      "2026-01-01 至 2026-01-03 元旦 New Year's Day 放假，不计时 (public holiday, not counted)",
    );
  });

  it('year boundary 2024/2025: 元旦 2025 is one day, counting starts Thursday 2 January', () => {
    const { answer } = computeDeadlines(input({ kind: 'help', receivedAt: at('2024-12-31T17:45:00') }), cal);
    expect(iso(answer.startedAt)).toBe('2025-01-02T09:00:00+08:00');
    expect(iso(answer.dueAt)).toBe('2025-01-08T17:30:00+08:00'); // 2, 3, 6, 7, 8 January
  });

  it.each([
    ['consultation', 1],
    ['suggestion', 1],
    ['help', 5],
    ['complaint', 5],
    ['report', 5],
  ])('answers a %s in %i working day(s); first response in 1', (kind, days) => {
    const { firstResponse, answer } = computeDeadlines(
      input({ kind, receivedAt: at('2026-03-02T10:00:00') }),
      cal,
    );
    expect(answer.rule).toBe(`hotline.${kind}: ${days} working day${days === 1 ? '' : 's'}`);
    expect(iso(answer.dueAt)).toBe(days === 1 ? '2026-03-03T10:00:00+08:00' : '2026-03-09T10:00:00+08:00');
    expect(iso(firstResponse.dueAt)).toBe('2026-03-03T10:00:00+08:00');
  });

  it('uses the hotline default (5 working days) for a missing or unknown kind, and never a prototype key', () => {
    for (const kind of [null, 'praise', 'constructor', 'toString']) {
      const { answer } = computeDeadlines(input({ kind, receivedAt: at('2026-03-02T10:00:00') }), cal);
      expect(answer.rule).toBe('hotline.answer: 5 working days');
      expect(iso(answer.dueAt)).toBe('2026-03-09T10:00:00+08:00');
    }
    expect(
      computeDeadlines(input({ kind: ' Consultation ', receivedAt: at('2026-03-02T10:00:00') }), cal).answer
        .rule,
    ).toBe('hotline.consultation: 1 working day');
  });

  it('urgent: 1 and 2 clock hours over a Saturday night, no waiting for office hours', () => {
    const { firstResponse, answer } = computeDeadlines(
      input({ urgency: 'urgent', receivedAt: at('2026-03-07T23:30:00') }),
      cal,
    );
    expect(brief(answer)).toEqual({
      startedAt: '2026-03-07T23:30:00+08:00',
      dueAt: '2026-03-08T01:30:00+08:00',
      warnAt: '2026-03-08T01:06:00+08:00', // 96 of 120 minutes
      rule: 'hotline.urgent: 2 clock hours',
      clock: 'clock',
      amount: 2,
      unit: 'clock-hours',
    });
    expect(brief(firstResponse)).toEqual({
      startedAt: '2026-03-07T23:30:00+08:00',
      dueAt: '2026-03-08T00:30:00+08:00',
      warnAt: '2026-03-08T00:18:00+08:00',
      rule: 'hotline.firstResponse.urgent: 1 clock hour',
      clock: 'clock',
      amount: 1,
      unit: 'clock-hours',
    });
    expect(answer.calendarCoverage).toBeNull();
  });

  it('urgent during a holiday is still 2 clock hours', () => {
    const { answer } = computeDeadlines(
      input({ urgency: 'urgent', receivedAt: at('2026-02-17T03:00:00') }),
      cal,
    );
    expect(iso(answer.dueAt)).toBe('2026-02-17T05:00:00+08:00');
  });

  it("the municipal platform's dueAt wins over local rules, in clock time", () => {
    const { firstResponse, answer } = computeDeadlines(
      input({ receivedAt: at('2026-03-02T10:00:00'), sourceDueAt: at('2026-03-05T12:00:00') }),
      cal,
    );
    expect(brief(answer)).toEqual({
      startedAt: '2026-03-02T10:00:00+08:00',
      dueAt: '2026-03-05T12:00:00+08:00',
      warnAt: '2026-03-04T21:12:00+08:00', // 80% of 74 h = 59 h 12 min
      rule: 'source dueAt',
      clock: 'clock',
      amount: 74,
      unit: 'source',
    });
    expect(iso(firstResponse.dueAt)).toBe('2026-03-03T10:00:00+08:00');
    expect(answer.explanation[0]).toBe(
      "来源平台给定办理时限 2026-03-05 12:00，优先于本地规则 (rule source dueAt: the source's due time wins over local rules)",
    );
  });

  it('the source dueAt wins over the urgent rule too', () => {
    const { answer } = computeDeadlines(
      input({
        urgency: 'urgent',
        receivedAt: at('2026-03-02T10:00:00'),
        sourceDueAt: at('2026-03-02T18:00:00'),
      }),
      cal,
    );
    expect(answer.rule).toBe('source dueAt');
    expect(iso(answer.dueAt)).toBe('2026-03-02T18:00:00+08:00');
  });

  it('caps the first response at an earlier answer deadline, warning at 80% of the shorter time', () => {
    const { firstResponse } = computeDeadlines(
      input({
        kind: 'consultation',
        receivedAt: at('2026-03-02T10:00:00'),
        sourceDueAt: at('2026-03-02T15:00:00'),
      }),
      cal,
    );
    expect(iso(firstResponse.dueAt)).toBe('2026-03-02T15:00:00+08:00');
    // 210 working minutes (10:00–12:00, 13:30–15:00); 80% = 168: 12:00 + lunch + 48 min.
    expect(iso(firstResponse.warnAt)).toBe('2026-03-02T14:18:00+08:00');
    expect(firstResponse.explanation).toContain('不晚于答复时限 (capped at the answer deadline)');
    const urgent = computeDeadlines(
      input({
        urgency: 'urgent',
        receivedAt: at('2026-03-02T10:00:00'),
        sourceDueAt: at('2026-03-02T10:30:00'),
      }),
      cal,
    ).firstResponse;
    expect(iso(urgent.dueAt)).toBe('2026-03-02T10:30:00+08:00');
    expect(iso(urgent.warnAt)).toBe('2026-03-02T10:24:00+08:00');
  });

  it('an answer due before the next office period puts the first response in clock time', () => {
    const { firstResponse, answer } = computeDeadlines(
      input({ receivedAt: at('2026-03-02T18:00:00'), sourceDueAt: at('2026-03-02T20:00:00') }),
      cal,
    );
    expect(iso(answer.warnAt)).toBe('2026-03-02T19:36:00+08:00'); // 96 of 120 minutes
    expect(brief(firstResponse)).toEqual({
      startedAt: '2026-03-02T18:00:00+08:00',
      dueAt: '2026-03-02T20:00:00+08:00',
      warnAt: '2026-03-02T19:36:00+08:00',
      rule: 'hotline.firstResponse: 1 working day',
      clock: 'clock',
      amount: 1,
      unit: 'working-days',
    });
  });

  it('a source dueAt before the receipt is kept as is, warning at the due time', () => {
    const { firstResponse, answer } = computeDeadlines(
      input({ receivedAt: at('2026-03-02T10:00:00'), sourceDueAt: at('2026-03-01T17:30:00') }),
      cal,
    );
    expect(iso(answer.dueAt)).toBe('2026-03-01T17:30:00+08:00');
    expect(iso(answer.warnAt)).toBe('2026-03-01T17:30:00+08:00');
    expect(answer.explanation).toContain(
      '来源时限不晚于受理时间 (the source due time is not after the receipt)',
    );
    expect(iso(firstResponse.dueAt)).toBe('2026-03-01T17:30:00+08:00');
    expect(iso(firstResponse.warnAt)).toBe('2026-03-01T17:30:00+08:00');
    expect(iso(firstResponse.startedAt)).toBe('2026-03-02T10:00:00+08:00');
  });
});

describe('computeDeadlines — message board, portal, Open311', () => {
  it('board: 5 working days, ending exactly at 17:30 on Friday; first response 1 working day', () => {
    const { firstResponse, answer } = computeDeadlines(
      input({ channel: 'board', kind: null, receivedAt: at('2026-03-02T09:00:00') }),
      cal,
    );
    expect(brief(answer)).toEqual({
      startedAt: '2026-03-02T09:00:00+08:00',
      dueAt: '2026-03-06T17:30:00+08:00',
      warnAt: '2026-03-05T17:30:00+08:00',
      rule: 'board.answer: 5 working days',
      clock: 'working',
      amount: 5,
      unit: 'working-days',
    });
    expect(iso(firstResponse.dueAt)).toBe('2026-03-02T17:30:00+08:00');
  });

  it('board ignores a source dueAt and has no urgent rule', () => {
    const { answer } = computeDeadlines(
      input({
        channel: 'board',
        urgency: 'urgent',
        receivedAt: at('2026-03-02T09:00:00'),
        sourceDueAt: at('2026-03-02T10:00:00'),
      }),
      cal,
    );
    expect(iso(answer.dueAt)).toBe('2026-03-06T17:30:00+08:00');
  });

  it('board post during the Spring Festival counts from Tuesday 24 February and ends on the 调休 Saturday', () => {
    const { answer } = computeDeadlines(
      input({ channel: 'board', kind: 'consultation', receivedAt: at('2026-02-18T10:00:00') }),
      cal,
    );
    expect(iso(answer.startedAt)).toBe('2026-02-24T09:00:00+08:00');
    expect(iso(answer.dueAt)).toBe('2026-02-28T17:30:00+08:00');
    expect(iso(answer.warnAt)).toBe('2026-02-27T17:30:00+08:00');
    expect(answer.explanation[1]).toBe(
      '受理 2026-02-18 10:00 为非工作日（法定节假日 春节 Spring Festival），从 2026-02-24 09:00 起算 (received on a non-working day (public holiday 春节 Spring Festival); counting from the next office period)',
    );
  });

  it("portal: the referral's dueAt; without one, 15 working days", () => {
    const withDue = computeDeadlines(
      input({
        channel: 'portal',
        kind: null,
        receivedAt: at('2026-03-02T10:00:00'),
        sourceDueAt: at('2026-03-20T17:30:00'),
      }),
      cal,
    );
    expect(withDue.answer.rule).toBe('source dueAt');
    expect(iso(withDue.answer.dueAt)).toBe('2026-03-20T17:30:00+08:00');
    const without = computeDeadlines(
      input({ channel: 'portal', kind: null, receivedAt: at('2026-03-02T10:00:00') }),
      cal,
    );
    expect(brief(without.answer)).toEqual({
      startedAt: '2026-03-02T10:00:00+08:00',
      dueAt: '2026-03-23T10:00:00+08:00',
      warnAt: '2026-03-18T10:00:00+08:00', // 12 working days
      rule: 'portal.answer: 15 working days',
      clock: 'working',
      amount: 15,
      unit: 'working-days',
    });
    expect(iso(without.firstResponse.dueAt)).toBe('2026-03-03T10:00:00+08:00');
  });

  it('open311 is treated like the board', () => {
    const { answer } = computeDeadlines(
      input({ channel: 'open311', kind: 'report', receivedAt: at('2026-03-06T16:00:00') }),
      cal,
    );
    expect(answer.rule).toBe('open311.answer: 5 working days');
    expect(iso(answer.dueAt)).toBe('2026-03-13T16:00:00+08:00');
  });

  it('refuses bad input', () => {
    expect(() => computeDeadlines(input({ receivedAt: new Date('nope') }), cal)).toThrow(DeadlineError);
    expect(() =>
      computeDeadlines(input({ channel: 'fax' as 'board', receivedAt: at('2026-03-02T10:00:00') }), cal),
    ).toThrow(/unknown channel/);
    expect(() =>
      computeDeadlines(input({ receivedAt: at('2026-03-02T10:00:00'), sourceDueAt: new Date(NaN) }), cal),
    ).toThrow(/sourceDueAt/);
    expect(() =>
      computeDeadlines(input({ urgency: 'high' as 'urgent', receivedAt: at('2026-03-02T10:00:00') }), cal),
    ).toThrow(/urgency/);
  });
});

describe('calendar overrides and coverage in deadlines', () => {
  it('an override workday on 7 October 2026 moves the start and the due date forward', () => {
    const c = WorkCalendar.chinese({ overrides: [{ date: '2026-10-07', kind: 'workday', name: '值班' }] });
    const { answer } = computeDeadlines(input({ receivedAt: at('2026-09-30T18:05:00') }), c);
    expect(iso(answer.startedAt)).toBe('2026-10-07T09:00:00+08:00');
    expect(iso(answer.dueAt)).toBe('2026-10-12T17:30:00+08:00'); // 7, 8, 9, 10 (调休), 12 October
    expect(answer.explanation).toContain(
      '2026-10-07 管理员设定为工作日 值班，计入 (working day set by an administrator, counted)',
    );
  });

  it('an override holiday on the 调休 Saturday 10 October 2026 removes it', () => {
    const c = WorkCalendar.chinese({ overrides: [{ date: '2026-10-10', kind: 'holiday' }] });
    const { answer } = computeDeadlines(input({ receivedAt: at('2026-09-30T18:05:00') }), c);
    expect(iso(answer.dueAt)).toBe('2026-10-14T17:30:00+08:00'); // 8, 9, 12, 13, 14 October
  });

  it('2027 without overrides: plain Mon–Fri, reported as weekdays-only', () => {
    const { answer } = computeDeadlines(
      input({ kind: 'consultation', receivedAt: at('2027-09-30T18:00:00') }),
      cal,
    );
    expect(iso(answer.dueAt)).toBe('2027-10-01T17:30:00+08:00'); // a Friday: National Day 2027 unknown
    expect(answer.calendarCoverage).toBe('weekdays-only');
    expect(answer.explanation).toContain(
      '2027 年暂无节假日安排数据，按周一至周五计算，请管理员补充 (calendarCoverage: weekdays-only — no holiday arrangement for 2027; plain Mon–Fri until administrators add overrides)',
    );
  });

  it('2027 with administrator overrides for National Day: they win, reported as overrides', () => {
    const c = WorkCalendar.chinese({
      overrides: [
        ...[1, 2, 3, 4, 5, 6, 7].map((d) => ({
          date: `2027-10-0${d}`,
          kind: 'holiday' as const,
          name: '国庆节',
        })),
        { date: '2027-10-09', kind: 'workday', name: '国庆节调休' },
      ],
    });
    const { answer } = computeDeadlines(input({ receivedAt: at('2027-09-30T18:00:00') }), c);
    expect(iso(answer.startedAt)).toBe('2027-10-08T09:00:00+08:00');
    expect(iso(answer.dueAt)).toBe('2027-10-13T17:30:00+08:00'); // 8, 9 (override), 11, 12, 13 October
    expect(answer.calendarCoverage).toBe('overrides');
    expect(answer.explanation).toContain(
      '2027-10-01 至 2027-10-07 管理员设定为非工作日 国庆节，不计时 (day off set by an administrator, not counted)',
    );
  });

  it('a deadline running from 2026 into unknown 2027 is weekdays-only; an override for 元旦 2027 fixes it', () => {
    const plain = computeDeadlines(input({ receivedAt: at('2026-12-31T18:00:00') }), cal).answer;
    expect(iso(plain.dueAt)).toBe('2027-01-07T17:30:00+08:00'); // 1 (Friday), 4, 5, 6, 7 January
    expect(plain.calendarCoverage).toBe('weekdays-only');
    const c = WorkCalendar.chinese({ overrides: [{ date: '2027-01-01', kind: 'holiday', name: '元旦' }] });
    const fixed = computeDeadlines(input({ receivedAt: at('2026-12-31T18:00:00') }), c).answer;
    expect(iso(fixed.dueAt)).toBe('2027-01-08T17:30:00+08:00');
    expect(fixed.calendarCoverage).toBe('overrides');
  });
});

describe('extendDeadline (延期)', () => {
  const base = computeDeadlines(input({ receivedAt: at('2026-03-02T10:00:00') }), cal).answer;

  it('adds working days from the current deadline, with the warning at 80% of the whole time', () => {
    expect(iso(base.dueAt)).toBe('2026-03-09T10:00:00+08:00');
    const once = extendDeadline(base, 5, cal);
    expect(brief(once)).toEqual({
      startedAt: '2026-03-02T10:00:00+08:00',
      dueAt: '2026-03-16T10:00:00+08:00',
      warnAt: '2026-03-12T10:00:00+08:00', // 8 of 10 working days
      rule: 'hotline.complaint: 5 working days + 延期 5 working days',
      clock: 'working',
      amount: 10,
      unit: 'working-days',
    });
    expect(once.extensions).toEqual([5]);
    expect(once.explanation.slice(0, base.explanation.length)).toEqual(base.explanation);
    // Up to the cap exactly: 15 working days from the start.
    const twice = extendDeadline(once, 5, cal);
    expect(iso(twice.dueAt)).toBe('2026-03-23T10:00:00+08:00');
    expect(twice.extensions).toEqual([5, 5]);
    expect(twice.amount).toBe(15);
  });

  it('throws extension-over-cap beyond 15 working days from the start, saying what is left', () => {
    const full = extendDeadline(base, 10, cal);
    let error: unknown;
    try {
      extendDeadline(full, 1, cal);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DeadlineError);
    expect(error).toMatchObject({
      code: 'extension-over-cap',
      details: { capWorkingDays: 15, latestDueAt: '2026-03-23T10:00:00+08:00', maxMoreWorkingDays: 0 },
    });
    expect(() => extendDeadline(base, 11, cal)).toThrow(
      expect.objectContaining({
        code: 'extension-over-cap',
        details: expect.objectContaining({ maxMoreWorkingDays: 10 }),
      }),
    );
  });

  it('the cap is configurable', () => {
    const policy: DeadlinePolicy = { ...DEFAULT_DEADLINE_POLICY, extensionCapWorkingDays: 20 };
    expect(iso(extendDeadline(base, 15, cal, policy).dueAt)).toBe('2026-03-30T10:00:00+08:00');
  });

  it('a deadline at 17:30 extended by 2 ends at 17:30 two working days later', () => {
    const board = computeDeadlines(
      input({ channel: 'board', receivedAt: at('2026-03-02T09:00:00') }),
      cal,
    ).answer;
    expect(iso(extendDeadline(board, 2, cal).dueAt)).toBe('2026-03-10T17:30:00+08:00');
  });

  it('skips holidays and counts the 调休 Saturday', () => {
    // Thu 24 Sep 2026 10:00 + 5: 28, 29, 30 Sep, 8, 9 Oct (中秋 25–27 Sep, 国庆 1–7 Oct off).
    const d = computeDeadlines(input({ receivedAt: at('2026-09-24T10:00:00') }), cal).answer;
    expect(iso(d.dueAt)).toBe('2026-10-09T10:00:00+08:00');
    const extended = extendDeadline(d, 3, cal); // 10 (调休), 12, 13 October
    expect(iso(extended.dueAt)).toBe('2026-10-13T10:00:00+08:00');
    expect(extended.explanation).toContain(
      '2026-10-10 调休上班 国庆节 National Day，计入工作日 (make-up working day, counted)',
    );
  });

  it('turns an urgent clock deadline into working time from the receipt', () => {
    const urgent = computeDeadlines(
      input({ urgency: 'urgent', receivedAt: at('2026-03-07T23:30:00') }),
      cal,
    ).answer;
    const extended = extendDeadline(urgent, 1, cal);
    expect(iso(extended.dueAt)).toBe('2026-03-09T17:30:00+08:00');
    expect(iso(extended.warnAt)).toBe('2026-03-09T16:06:00+08:00');
    expect(extended.clock).toBe('working');
    expect(extended.amount).toBe(1);
    expect(extended.calendarCoverage).toBe('chinese-days');
  });

  it.each([0, -1, 1.5, NaN])('refuses an extension of %p working days', (days) => {
    expect(() => extendDeadline(base, days, cal)).toThrow(
      expect.objectContaining({ code: 'invalid-extension' }),
    );
  });
});

describe('rehandlingDeadline (重办)', () => {
  it('3 working days from the order, skipping 清明 4–6 April 2026', () => {
    const d = rehandlingDeadline(at('2026-04-03T16:00:00'), cal);
    // Fri 90 + Tue 7, Wed 8 (840) + Thu 9 09:00–16:00 (330) = 1260.
    expect(brief(d)).toEqual({
      startedAt: '2026-04-03T16:00:00+08:00',
      dueAt: '2026-04-09T16:00:00+08:00',
      warnAt: '2026-04-09T10:18:00+08:00', // 1008 minutes
      rule: 'rehandling: 3 working days',
      clock: 'working',
      amount: 3,
      unit: 'working-days',
    });
    expect(d.explanation[1]).toBe(
      '重办 2026-04-03 16:00 在工作时间内，立即起算 (re-handling ordered during office hours; the clock starts at once)',
    );
    expect(d.explanation).toContain(
      '2026-04-04 至 2026-04-06 清明 Tomb-sweeping Day 放假，不计时 (public holiday, not counted)',
    );
  });

  it('after hours on Friday evening counts from Monday', () => {
    expect(iso(rehandlingDeadline(at('2026-03-06T19:00:00'), cal).dueAt)).toBe('2026-03-11T17:30:00+08:00');
  });

  it('follows the policy', () => {
    const policy: DeadlinePolicy = { ...DEFAULT_DEADLINE_POLICY, rehandling: clockHours(48) };
    expect(iso(rehandlingDeadline(at('2026-03-06T19:00:00'), cal, policy).dueAt)).toBe(
      '2026-03-08T19:00:00+08:00',
    );
  });
});

describe('policy overrides', () => {
  it('an administrator shortens the board to 3 working days and the warning to 75%', () => {
    const policy: DeadlinePolicy = {
      ...DEFAULT_DEADLINE_POLICY,
      warnFraction: 0.75,
      channels: {
        ...DEFAULT_DEADLINE_POLICY.channels,
        board: { ...DEFAULT_DEADLINE_POLICY.channels.board, answer: workingDays(3) },
      },
    };
    const { answer } = computeDeadlines(
      input({ channel: 'board', receivedAt: at('2026-03-02T09:00:00') }),
      cal,
      policy,
    );
    expect(iso(answer.dueAt)).toBe('2026-03-04T17:30:00+08:00');
    // 75% of 1260 = 945 minutes: Mon, Tue (840) + Wed 09:00–10:45.
    expect(iso(answer.warnAt)).toBe('2026-03-04T10:45:00+08:00');
    expect(answer.explanation).toContain(
      '预警 2026-03-04 10:45：已用去时限的 75% (SLA warning when 75% of the allowed time has elapsed)',
    );
  });
});
