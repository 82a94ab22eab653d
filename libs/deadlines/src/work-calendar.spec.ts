import { getDayDetail, isWorkday } from 'chinese-days';
import { readPackageCalendar } from './chinese-days-data';
import { WorkCalendar } from './work-calendar';

/** China time, written out: every expected instant in this file is computed by hand from the calendar. */
const at = (local: string): Date => new Date(`${local}+08:00`);
const iso = (d: Date): string => {
  const c = new Date(d.getTime() + 8 * 3600_000);
  return `${c.toISOString().slice(0, 19)}+08:00`;
};

const cal = WorkCalendar.chinese();

describe('WorkCalendar.dayKind — the statutory calendar from chinese-days', () => {
  it.each([
    // National Day and Mid-autumn 2025: 1–8 October off, Sunday 28 September and Saturday 11 October worked.
    ['2025-09-28', true, 'makeup-workday', '国庆节 National Day'],
    ['2025-09-30', true, 'weekday', undefined],
    ['2025-10-01', false, 'holiday', '国庆节 National Day'],
    ['2025-10-06', false, 'holiday', '中秋 Mid-autumn Festival'],
    ['2025-10-08', false, 'holiday', '国庆节 National Day'],
    ['2025-10-09', true, 'weekday', undefined],
    ['2025-10-11', true, 'makeup-workday', '国庆节 National Day'],
    ['2025-10-12', false, 'weekend', undefined],
    // Spring Festival 2026: 15–23 February off, Saturdays 14 and 28 February worked.
    ['2026-02-14', true, 'makeup-workday', '春节 Spring Festival'],
    ['2026-02-15', false, 'holiday', '春节 Spring Festival'],
    ['2026-02-23', false, 'holiday', '春节 Spring Festival'],
    ['2026-02-24', true, 'weekday', undefined],
    ['2026-02-28', true, 'makeup-workday', '春节 Spring Festival'],
    // 元旦 2026: 1–3 January off, Sunday 4 January worked; 元旦 2025 was one day.
    ['2025-01-01', false, 'holiday', "元旦 New Year's Day"],
    ['2025-01-02', true, 'weekday', undefined],
    ['2026-01-01', false, 'holiday', "元旦 New Year's Day"],
    ['2026-01-03', false, 'holiday', "元旦 New Year's Day"],
    ['2026-01-04', true, 'makeup-workday', "元旦 New Year's Day"],
    // National Day 2026: 1–7 October off, Sunday 20 September and Saturday 10 October worked.
    ['2026-09-20', true, 'makeup-workday', '国庆节 National Day'],
    ['2026-10-07', false, 'holiday', '国庆节 National Day'],
    ['2026-10-08', true, 'weekday', undefined],
    ['2026-10-10', true, 'makeup-workday', '国庆节 National Day'],
    ['2026-03-07', false, 'weekend', undefined],
  ])('%s: working %p, %s %s', (date, working, reason, name) => {
    const kind = cal.dayKind(date);
    expect(kind).toEqual({ working, reason, source: 'chinese-days', ...(name ? { name } : {}) });
  });

  it('takes the China day of an instant', () => {
    expect(cal.dayKind(new Date('2025-09-30T16:00:00Z')).reason).toBe('holiday'); // 2025-10-01 00:00 China
  });

  it('knows 2004–2026 from the package and nothing after', () => {
    expect(cal.yearCoverage(2004)).toBe('chinese-days');
    expect(cal.yearCoverage(2025)).toBe('chinese-days');
    expect(cal.yearCoverage(2026)).toBe('chinese-days');
    expect(cal.yearCoverage(2027)).toBe('weekdays-only');
    expect(cal.yearCoverage(2003)).toBe('weekdays-only');
  });

  it('falls back to plain Mon–Fri for 2027 and says so', () => {
    // The package itself answers "working" for 2027-10-01 (a Friday): it does not know the year.
    expect(isWorkday(new Date(Date.UTC(2027, 9, 1, 12)))).toBe(true);
    expect(cal.dayKind('2027-10-01')).toEqual({ working: true, reason: 'weekday', source: 'weekdays-only' });
    expect(cal.dayKind('2027-10-02')).toEqual({ working: false, reason: 'weekend', source: 'weekdays-only' });
  });

  it('agrees with the package API (isWorkday, getDayDetail) on every day of 2004–2026', () => {
    const mismatches: string[] = [];
    for (let ms = Date.UTC(2004, 0, 1, 12); ms <= Date.UTC(2026, 11, 31, 12); ms += 86_400_000) {
      const date = new Date(ms).toISOString().slice(0, 10);
      const noonUtc = new Date(ms); // the same calendar date in any zone from UTC−11 to UTC+11
      const mine = cal.dayKind(date);
      const detail = getDayDetail(noonUtc);
      const zhName = detail.name.split(',')[1];
      if (mine.working !== isWorkday(noonUtc) || mine.working !== detail.work) mismatches.push(date);
      if (mine.name !== undefined && zhName !== undefined && !mine.name.startsWith(zhName))
        mismatches.push(date);
    }
    expect(mismatches).toEqual([]);
  });

  it('rejects a date that is not YYYY-MM-DD or out of range', () => {
    expect(() => cal.dayKind('2026-02-30')).toThrow(RangeError);
    expect(() => cal.dayKind('2200-01-01')).toThrow(/range/);
    expect(() => cal.dayKind(new Date(NaN))).toThrow(RangeError);
  });
});

describe('WorkCalendar.chinese', () => {
  it('shares one default instance; a calendar with options is its own', () => {
    expect(WorkCalendar.chinese()).toBe(cal);
    expect(WorkCalendar.chinese({ overrides: [] })).toBe(cal);
    const withOverride = WorkCalendar.chinese({ overrides: [{ date: '2026-03-02', kind: 'holiday' }] });
    expect(withOverride).not.toBe(cal);
    expect(cal.dayKind('2026-03-02').working).toBe(true);
    expect(withOverride.overrides).toEqual([{ date: '2026-03-02', kind: 'holiday' }]);
    expect(Object.isFrozen(withOverride.overrides[0])).toBe(true);
  });
});

describe('WorkCalendar overrides (管理员设定)', () => {
  it('win over the package both ways, keeping or replacing the name', () => {
    const c = WorkCalendar.chinese({
      overrides: [
        { date: '2026-10-07', kind: 'workday', name: '区政府值班' },
        { date: '2026-10-10', kind: 'holiday' },
      ],
    });
    expect(c.dayKind('2026-10-07')).toEqual({
      working: true,
      reason: 'override-workday',
      name: '区政府值班',
      source: 'override',
    });
    expect(c.dayKind('2026-10-10')).toEqual({
      working: false,
      reason: 'override-holiday',
      name: '国庆节 National Day',
      source: 'override',
    });
    expect(c.dayKind('2026-10-08').reason).toBe('weekday');
  });

  it('fill in a year the package does not cover', () => {
    const c = WorkCalendar.chinese({
      overrides: [
        ...['01', '02', '03', '04', '05', '06', '07'].map((d) => ({
          date: `2027-10-${d}`,
          kind: 'holiday' as const,
          name: '国庆节',
        })),
        { date: '2027-10-09', kind: 'workday', name: '国庆节调休' },
      ],
    });
    expect(c.yearCoverage(2027)).toBe('overrides');
    expect(c.dayKind('2027-10-01')).toEqual({
      working: false,
      reason: 'override-holiday',
      name: '国庆节',
      source: 'override',
    });
    expect(c.dayKind('2027-10-09').working).toBe(true);
    expect(c.dayKind('2027-10-08')).toEqual({ working: true, reason: 'weekday', source: 'weekdays-only' });
    expect(iso(c.addWorkingDays(at('2027-09-30T18:00:00'), 2))).toBe('2027-10-09T17:30:00+08:00');
  });

  it('let a later entry for the same date win', () => {
    const c = WorkCalendar.chinese({
      overrides: [
        { date: '2026-03-02', kind: 'holiday' },
        { date: '2026-03-02', kind: 'workday' },
      ],
    });
    expect(c.dayKind('2026-03-02').reason).toBe('override-workday');
  });

  it('are checked', () => {
    expect(() => WorkCalendar.chinese({ overrides: [{ date: '2027-02-29', kind: 'holiday' }] })).toThrow(
      RangeError,
    );
    expect(() =>
      WorkCalendar.chinese({ overrides: [{ date: '2027-10-01', kind: 'rest' as 'holiday' }] }),
    ).toThrow(/workday or holiday/);
  });
});

describe('WorkCalendar office hours (09:00–12:00, 13:30–17:30)', () => {
  it('has seven hours of office time a day', () => {
    expect(cal.workingDayMinutes).toBe(420);
  });

  it.each([
    ['2026-03-02T08:59:59', false, 'before-hours'],
    ['2026-03-02T09:00:00', true, 'office-hours'],
    ['2026-03-02T11:59:59', true, 'office-hours'],
    ['2026-03-02T12:00:00', false, 'break'],
    ['2026-03-02T13:29:00', false, 'break'],
    ['2026-03-02T13:30:00', true, 'office-hours'],
    ['2026-03-02T17:29:59', true, 'office-hours'],
    ['2026-03-02T17:30:00', false, 'after-hours'],
    ['2026-03-07T10:00:00', false, 'non-working-day'], // Saturday
    ['2026-02-14T10:00:00', true, 'office-hours'], // 调休 Saturday
    ['2025-10-01T10:00:00', false, 'non-working-day'], // National Day
  ])('%s is working time: %p (%s)', (local, working, position) => {
    expect(cal.isWorkingTime(at(local))).toBe(working);
    expect(cal.officePosition(at(local))).toBe(position);
  });

  it.each([
    ['2026-03-02T10:15:42', '2026-03-02T10:15:42+08:00'], // inside: itself
    ['2026-03-02T08:59:59', '2026-03-02T09:00:00+08:00'],
    ['2026-03-02T12:00:00', '2026-03-02T13:30:00+08:00'], // lunch
    ['2026-03-02T12:30:00', '2026-03-02T13:30:00+08:00'],
    ['2026-03-02T17:30:00', '2026-03-03T09:00:00+08:00'],
    ['2026-03-02T23:59:00', '2026-03-03T09:00:00+08:00'],
    ['2026-03-03T00:00:00', '2026-03-03T09:00:00+08:00'], // midnight
    ['2026-03-06T18:00:00', '2026-03-09T09:00:00+08:00'], // Friday evening → Monday
    ['2026-03-07T00:00:00', '2026-03-09T09:00:00+08:00'], // Saturday midnight
    ['2025-09-30T18:05:00', '2025-10-09T09:00:00+08:00'], // National Day 2025
    ['2026-09-30T18:05:00', '2026-10-08T09:00:00+08:00'], // National Day 2026
    ['2026-02-13T18:00:00', '2026-02-14T09:00:00+08:00'], // → 调休 Saturday
    ['2026-02-14T18:00:00', '2026-02-24T09:00:00+08:00'], // Spring Festival
    ['2025-12-31T18:00:00', '2026-01-04T09:00:00+08:00'], // 元旦 → 调休 Sunday 4 January
    ['2024-12-31T17:45:00', '2025-01-02T09:00:00+08:00'], // 元旦 2025, one day
    ['2026-12-31T18:00:00', '2027-01-01T09:00:00+08:00'], // 2027 unknown: Friday counts
  ])('the next working instant after %s is %s', (local, expected) => {
    expect(iso(cal.nextWorkingInstant(at(local)))).toBe(expected);
  });

  it('accepts other office hours and checks them', () => {
    const c = WorkCalendar.chinese({
      officeHours: [
        { start: '08:30', end: '11:30' },
        { start: '13:00', end: '17:00' },
      ],
    });
    expect(c.workingDayMinutes).toBe(420);
    expect(iso(c.addWorkingDays(at('2026-03-02T11:00:00'), 1))).toBe('2026-03-03T11:00:00+08:00');
    expect(iso(c.nextWorkingInstant(at('2026-03-02T11:30:00')))).toBe('2026-03-02T13:00:00+08:00');
    const allDay = WorkCalendar.chinese({ officeHours: [{ start: '00:00', end: '24:00' }] });
    expect(allDay.workingDayMinutes).toBe(1440);
    expect(iso(allDay.addWorkingMinutes(at('2026-03-06T23:00:00'), 120))).toBe('2026-03-09T01:00:00+08:00');
    expect(() => WorkCalendar.chinese({ officeHours: [] })).toThrow(RangeError);
    expect(() => WorkCalendar.chinese({ officeHours: [{ start: '12:00', end: '09:00' }] })).toThrow(
      RangeError,
    );
    expect(() =>
      WorkCalendar.chinese({
        officeHours: [
          { start: '09:00', end: '12:00' },
          { start: '11:00', end: '17:00' },
        ],
      }),
    ).toThrow(/overlap/);
    expect(() => WorkCalendar.chinese({ officeHours: [{ start: '9:00', end: '17:00' }] })).toThrow(
      RangeError,
    );
  });
});

describe('WorkCalendar.addWorkingDays / addWorkingMinutes', () => {
  it.each([
    // [from (China), days, due (China)]
    ['2026-03-02T10:15:00', 1, '2026-03-03T10:15:00+08:00'],
    ['2026-03-02T09:00:00', 1, '2026-03-02T17:30:00+08:00'], // exactly at the end of the day
    ['2026-03-02T12:30:00', 1, '2026-03-03T12:00:00+08:00'], // lunch → 13:30; ends at 12:00, not 13:30
    ['2026-03-02T23:59:00', 1, '2026-03-03T17:30:00+08:00'],
    ['2026-03-03T00:00:00', 1, '2026-03-03T17:30:00+08:00'],
    ['2026-03-06T16:00:00', 1, '2026-03-09T16:00:00+08:00'], // over a weekend
    ['2026-03-02T09:00:00', 5, '2026-03-06T17:30:00+08:00'],
    ['2025-09-26T16:00:00', 5, '2025-10-10T16:00:00+08:00'], // 调休 Sunday 28 Sep counted, 1–8 Oct skipped
    ['2025-09-30T18:05:00', 5, '2025-10-14T17:30:00+08:00'], // 调休 Saturday 11 Oct counted
    ['2026-02-13T15:00:00', 5, '2026-02-27T15:00:00+08:00'], // Spring Festival 2026
    ['2026-02-18T10:00:00', 5, '2026-02-28T17:30:00+08:00'], // ends on the 调休 Saturday
    ['2025-12-31T18:00:00', 5, '2026-01-08T17:30:00+08:00'], // 元旦, 调休 Sunday 4 January
    ['2026-03-02T10:00:00', 15, '2026-03-23T10:00:00+08:00'],
    ['2026-03-02T10:15:42.5', 1, '2026-03-03T10:15:42+08:00'], // seconds kept (ms dropped by iso())
    ['2026-03-02T10:00:00', 0, '2026-03-02T10:00:00+08:00'],
    ['2026-03-02T18:00:00', 0, '2026-03-03T09:00:00+08:00'],
    ['2026-03-02T09:00:00', 0.5, '2026-03-02T14:00:00+08:00'], // 210 minutes: 180 + 30
  ])('%s + %p working days = %s', (from, days, due) => {
    expect(iso(cal.addWorkingDays(at(from), days))).toBe(due);
  });

  it.each([
    ['2026-03-02T09:00:00', 180, '2026-03-02T12:00:00+08:00'], // end of the morning stays there
    ['2026-03-02T09:00:00', 181, '2026-03-02T13:31:00+08:00'],
    ['2026-03-02T11:30:00', 60, '2026-03-02T14:00:00+08:00'],
    ['2026-03-02T17:00:00', 30, '2026-03-02T17:30:00+08:00'],
    ['2026-03-02T17:00:00', 31, '2026-03-03T09:01:00+08:00'],
    ['2026-03-02T10:00:00', 0.5, '2026-03-02T10:00:30+08:00'],
  ])('%s + %p working minutes = %s', (from, minutes, due) => {
    expect(iso(cal.addWorkingMinutes(at(from), minutes))).toBe(due);
  });

  it('refuses negative or non-finite amounts', () => {
    expect(() => cal.addWorkingMinutes(at('2026-03-02T10:00:00'), -1)).toThrow(RangeError);
    expect(() => cal.addWorkingDays(at('2026-03-02T10:00:00'), Infinity)).toThrow(RangeError);
    expect(() => cal.addWorkingDays(new Date(NaN), 1)).toThrow(RangeError);
  });
});

describe('WorkCalendar.workingMinutesBetween', () => {
  it.each([
    ['2026-03-02T10:00:00', '2026-03-03T10:00:00', 420],
    ['2026-03-02T11:00:00', '2026-03-02T14:00:00', 90], // 60 + 30, lunch not counted
    ['2026-03-02T14:00:00', '2026-03-02T11:00:00', -90],
    ['2026-03-02T10:00:00', '2026-03-02T10:00:00', 0],
    ['2026-04-03T16:00:00', '2026-04-07T10:00:00', 150], // 清明 4–6 April skipped
    ['2025-09-30T09:00:00', '2025-10-09T09:00:00', 420], // only 30 September
    ['2026-10-01T00:00:00', '2026-10-07T23:59:00', 0],
    ['2025-09-26T16:00:00', '2025-10-10T16:00:00', 2100],
    ['2026-03-07T10:00:00', '2026-03-08T10:00:00', 0], // a weekend
    ['2026-03-02T12:10:00', '2026-03-02T13:20:00', 0], // inside lunch
    // 248 working days in 2025 and in 2026 (365 − 104 weekend days − 18 / 19 weekday holidays + 5 / 6 调休 days)
    ['2025-01-01T00:00:00', '2026-01-01T00:00:00', 248 * 420],
    ['2026-01-01T00:00:00', '2027-01-01T00:00:00', 248 * 420],
  ])('%s → %s: %p minutes', (a, b, minutes) => {
    expect(cal.workingMinutesBetween(at(a), at(b))).toBe(minutes);
  });

  it('counts seconds as fractions of a minute', () => {
    expect(cal.workingMinutesBetween(at('2026-03-02T10:00:00'), at('2026-03-02T10:00:30'))).toBe(0.5);
  });
});

describe('WorkCalendar.notableDays', () => {
  it('lists holiday runs and 调休 days, not plain weekends', () => {
    expect(cal.notableDays(at('2025-09-26T16:00:00'), at('2025-10-14T17:30:00'))).toEqual([
      { from: '2025-09-28', to: '2025-09-28', reason: 'makeup-workday', name: '国庆节 National Day' },
      { from: '2025-10-01', to: '2025-10-05', reason: 'holiday', name: '国庆节 National Day' },
      { from: '2025-10-06', to: '2025-10-06', reason: 'holiday', name: '中秋 Mid-autumn Festival' },
      { from: '2025-10-07', to: '2025-10-08', reason: 'holiday', name: '国庆节 National Day' },
      { from: '2025-10-11', to: '2025-10-11', reason: 'makeup-workday', name: '国庆节 National Day' },
    ]);
    expect(cal.notableDays(at('2026-03-02T00:00:00'), at('2026-03-31T00:00:00'))).toEqual([]);
  });
});

describe('WorkCalendar against a minute-by-minute reference', () => {
  /** Independent of the calendar under test: the package's isWorkday and a walk one minute at a time. */
  const workday = new Map<number, boolean>();
  function isWorkingMinute(ms: number): boolean {
    const local = ms + 8 * 3600_000;
    const day = Math.floor(local / 86_400_000);
    let w = workday.get(day);
    if (w === undefined) {
      w = isWorkday(new Date(day * 86_400_000 + 12 * 3600_000)); // noon UTC of that China date
      workday.set(day, w);
    }
    const minute = Math.floor((local - day * 86_400_000) / 60_000);
    return w && ((minute >= 540 && minute < 720) || (minute >= 810 && minute < 1050));
  }
  function referenceAdd(from: number, minutes: number): number {
    let t = from;
    while (!isWorkingMinute(t)) t += 60_000;
    for (let left = minutes; left > 0; t += 60_000) if (isWorkingMinute(t)) left--;
    return t;
  }

  it('adds working minutes the same way for 300 random instants and amounts in 2025–2026', () => {
    let seed = 12345;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const start = Date.parse('2025-01-01T00:00:00+08:00');
    const span = Date.parse('2026-12-01T00:00:00+08:00') - start;
    for (let i = 0; i < 300; i++) {
      const from = start + Math.floor((random() * span) / 60_000) * 60_000;
      const minutes = Math.floor(random() * 15 * 420);
      const due = cal.addWorkingMinutes(new Date(from), minutes).getTime();
      expect([new Date(from).toISOString(), minutes, new Date(due).toISOString()]).toEqual([
        new Date(from).toISOString(),
        minutes,
        new Date(referenceAdd(from, minutes)).toISOString(),
      ]);
      expect(cal.workingMinutesBetween(new Date(from), new Date(due))).toBe(minutes);
    }
  });
});

describe('readPackageCalendar', () => {
  it('reads the package data shape and rejects anything else', () => {
    const pkg = readPackageCalendar({
      holidays: { '2030-01-01': "New Year's Day,元旦,1" },
      workdays: { '2030-01-05': "New Year's Day,元旦,1" },
      inLieuDays: {},
    });
    expect(pkg.years).toEqual(new Set([2030]));
    const c = WorkCalendar.fromData(pkg);
    expect(c.dayKind('2030-01-01')).toEqual({
      working: false,
      reason: 'holiday',
      name: "元旦 New Year's Day",
      source: 'chinese-days',
    });
    expect(c.dayKind('2030-01-05').reason).toBe('makeup-workday');
    expect(c.yearCoverage(2026)).toBe('weekdays-only');
    expect(() => readPackageCalendar({ holidays: {} })).toThrow(/workdays/);
    expect(() => readPackageCalendar({ holidays: { '2030-02-30': 'x' }, workdays: {} })).toThrow(/bad entry/);
  });
});
