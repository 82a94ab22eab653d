import {
  chinaDay,
  chinaInstant,
  chinaTimeOfDay,
  civilFromDay,
  dayFromCivil,
  formatChinaDate,
  isWeekend,
  MINUTE_MS,
  parseChinaDate,
  parseClockTime,
} from './china-time';
import { packageCalendar, type PackageCalendar } from './chinese-days-data';

/** One office period of a working day, `HH:MM` China time; the end is exclusive (`24:00` allowed). */
export interface OfficePeriod {
  start: string;
  end: string;
}

/**
 * An administrator's correction of the statutory calendar, winning over `chinese-days`: a year the package
 * does not know yet (the State Council publishes the next year's arrangement each November), a local
 * holiday or an extra working day.
 */
export interface CalendarOverride {
  date: string;
  kind: 'workday' | 'holiday';
  name?: string;
}

export type DayReason =
  'weekday' | 'weekend' | 'holiday' | 'makeup-workday' | 'override-workday' | 'override-holiday';

/** What decided a day: an override, the package's arrangement, or plain Mon–Fri for a year nobody knows. */
export type DaySource = 'chinese-days' | 'override' | 'weekdays-only';

export interface DayKind {
  working: boolean;
  reason: DayReason;
  /** Holiday name (`国庆节 National Day`), the holiday a 调休 workday belongs to, or the override's name. */
  name?: string;
  source: DaySource;
}

/**
 * How well a year is known: `chinese-days` (the package has its arrangement), `overrides` (not in the
 * package, but administrators entered days for it — the rest of the year is Mon–Fri), `weekdays-only`
 * (nothing known: plain Mon–Fri, holidays and 调休 are missing). Ordered best to worst.
 */
export type CalendarCoverage = 'chinese-days' | 'overrides' | 'weekdays-only';

/** A run of consecutive days that are not plain weekdays or weekends, for explanations. */
export interface NotableDays {
  from: string;
  to: string;
  reason: 'holiday' | 'makeup-workday' | 'override-workday' | 'override-holiday';
  name?: string;
}

export interface CalendarOptions {
  officeHours?: readonly OfficePeriod[];
  overrides?: readonly CalendarOverride[];
}

/** Where an instant lies relative to office hours. */
export type OfficePosition = 'office-hours' | 'before-hours' | 'break' | 'after-hours' | 'non-working-day';

/** 09:00–12:00 and 13:30–17:30: seven hours of office time a day. */
export const DEFAULT_OFFICE_HOURS: readonly OfficePeriod[] = Object.freeze([
  Object.freeze({ start: '09:00', end: '12:00' }),
  Object.freeze({ start: '13:30', end: '17:30' }),
]);

/** Supported days: 1970-01-01 to 2199-12-31 (China). */
const FIRST_YEAR = 1970;
const END_YEAR = 2200;
const DAY_COUNT = dayFromCivil(END_YEAR, 1, 1);

/** Per-day codes (one byte a day). */
const WEEKDAY = 0;
const WEEKEND = 1;
const HOLIDAY = 2;
const MAKEUP = 3;
const OVERRIDE_WORKDAY = 4;
const OVERRIDE_HOLIDAY = 5;
const REASONS: readonly DayReason[] = [
  'weekday',
  'weekend',
  'holiday',
  'makeup-workday',
  'override-workday',
  'override-holiday',
];
const WORKING_CODE: readonly boolean[] = [true, false, false, true, true, false];
/** Coverage codes, best to worst. */
const COVERAGES: readonly CalendarCoverage[] = ['chinese-days', 'overrides', 'weekdays-only'];

function parseOfficeHours(periods: readonly OfficePeriod[]): { starts: number[]; ends: number[] } {
  if (periods.length === 0) throw new RangeError('office hours: at least one period is needed');
  const starts: number[] = [];
  const ends: number[] = [];
  for (const p of periods) {
    const start = parseClockTime(p.start);
    const end = parseClockTime(p.end);
    if (start === null || end === null || start >= end || start >= 24 * 60) {
      throw new RangeError(`office hours: bad period ${p.start}–${p.end} (expected HH:MM, start before end)`);
    }
    if (ends.length > 0 && start * MINUTE_MS < ends[ends.length - 1]) {
      throw new RangeError(`office hours: periods must be in order and must not overlap (${p.start})`);
    }
    starts.push(start * MINUTE_MS);
    ends.push(end * MINUTE_MS);
  }
  return { starts, ends };
}

function checkedOverrideDay(o: CalendarOverride): number {
  const day = typeof o.date === 'string' ? parseChinaDate(o.date) : null;
  if (day === null)
    throw new RangeError(`calendar override: bad date ${String(o.date)} (expected YYYY-MM-DD)`);
  if (day < 0 || day >= DAY_COUNT) throw new RangeError(`calendar override: ${o.date} is out of range`);
  if (o.kind !== 'workday' && o.kind !== 'holiday') {
    throw new RangeError(`calendar override ${o.date}: kind must be workday or holiday`);
  }
  return day;
}

function notableRun(code: number, first: number, last: number, name: string | undefined): NotableDays {
  const run: NotableDays = {
    from: formatChinaDate(first),
    to: formatChinaDate(last),
    reason: REASONS[code] as NotableDays['reason'],
  };
  if (name !== undefined) run.name = name;
  return run;
}

function yearOf(day: number): number {
  return civilFromDay(day).year;
}

let defaultCalendar: WorkCalendar | undefined;

/**
 * The working calendar of a Chinese government office: which days are working days (weekdays, minus
 * statutory holidays, plus 调休 make-up working days, with administrator overrides winning) and the office
 * periods of a working day. Build it once per process (or when administrators change the overrides) and
 * share it: construction precomputes one byte per day for 1970–2199 and a running count of working days,
 * so every query below is arithmetic on epoch milliseconds plus array reads.
 *
 * Conventions: all times are China time (UTC+8, no DST). Office periods are half-open, [09:00, 12:00):
 * 12:00 itself is the lunch break, 17:30 is after hours. Instants outside 1970–2199 throw a RangeError.
 */
export class WorkCalendar {
  /** Office time of one full working day in minutes (420 with the default hours). */
  readonly workingDayMinutes: number;
  readonly officeHours: readonly OfficePeriod[];
  readonly overrides: readonly CalendarOverride[];

  private readonly starts: readonly number[];
  private readonly ends: readonly number[];
  private readonly dayMs: number;
  /** Day index → code (WEEKDAY…OVERRIDE_HOLIDAY). */
  private readonly codes: Uint8Array;
  /** Day index → number of working days before it. */
  private readonly workingBefore: Int32Array;
  private readonly names: Map<number, string>;
  private readonly packageYears: ReadonlySet<number>;
  private readonly overrideYears: ReadonlySet<number>;
  /** Day index → index in COVERAGES of its year. */
  private readonly coverage: Uint8Array;

  private constructor(
    pkg: PackageCalendar,
    officeHours: readonly OfficePeriod[],
    overrides: readonly CalendarOverride[],
  ) {
    const { starts, ends } = parseOfficeHours(officeHours);
    this.starts = starts;
    this.ends = ends;
    this.dayMs = starts.reduce((sum, s, i) => sum + ends[i] - s, 0);
    this.workingDayMinutes = this.dayMs / MINUTE_MS;
    this.officeHours = Object.freeze(officeHours.map((p) => Object.freeze({ ...p })));
    this.overrides = Object.freeze(overrides.map((o) => Object.freeze({ ...o })));

    const codes = new Uint8Array(DAY_COUNT);
    for (let day = 0; day < DAY_COUNT; day++) codes[day] = isWeekend(day) ? WEEKEND : WEEKDAY;
    const names = new Map<number, string>();
    const inRange = (day: number): boolean => day >= 0 && day < DAY_COUNT;
    for (const [day, name] of pkg.holidays) {
      if (!inRange(day)) continue;
      codes[day] = HOLIDAY;
      names.set(day, name);
    }
    for (const [day, name] of pkg.workdays) {
      if (!inRange(day)) continue;
      codes[day] = MAKEUP;
      names.set(day, name);
    }
    const overrideYears = new Set<number>();
    // Later entries win over earlier ones for the same date.
    for (const o of overrides) {
      const day = checkedOverrideDay(o);
      codes[day] = o.kind === 'workday' ? OVERRIDE_WORKDAY : OVERRIDE_HOLIDAY;
      if (o.name) names.set(day, o.name);
      overrideYears.add(yearOf(day));
    }
    const workingBefore = new Int32Array(DAY_COUNT + 1);
    for (let day = 0; day < DAY_COUNT; day++) {
      workingBefore[day + 1] = workingBefore[day] + (WORKING_CODE[codes[day]] ? 1 : 0);
    }
    this.codes = codes;
    this.workingBefore = workingBefore;
    this.names = names;
    this.packageYears = pkg.years;
    this.overrideYears = overrideYears;
    this.coverage = new Uint8Array(DAY_COUNT);
    for (let year = FIRST_YEAR; year < END_YEAR; year++) {
      const c = COVERAGES.indexOf(this.yearCoverage(year));
      if (c > 0) this.coverage.fill(c, dayFromCivil(year, 1, 1), dayFromCivil(year + 1, 1, 1));
    }
  }

  /**
   * The Chinese statutory calendar from `chinese-days` (years 2004–2026 in version 1.5.7), administrator
   * overrides on top, and office hours (default {@link DEFAULT_OFFICE_HOURS}). A year the package does not
   * cover falls back to Mon–Fri plus any overrides, and says so through {@link yearCoverage}. Without
   * options the same (immutable) instance is returned each time; with options, build one when the
   * overrides change and share it — construction takes some 20 ms.
   */
  static chinese(opts: CalendarOptions = {}): WorkCalendar {
    if (!opts.officeHours && !opts.overrides?.length) {
      defaultCalendar ??= new WorkCalendar(packageCalendar(), DEFAULT_OFFICE_HOURS, []);
      return defaultCalendar;
    }
    return new WorkCalendar(
      packageCalendar(),
      opts.officeHours ?? DEFAULT_OFFICE_HOURS,
      opts.overrides ?? [],
    );
  }

  /** A calendar on other holiday data of the same shape as `chinese-days` (tests, other regions). */
  static fromData(pkg: PackageCalendar, opts: CalendarOptions = {}): WorkCalendar {
    return new WorkCalendar(pkg, opts.officeHours ?? DEFAULT_OFFICE_HOURS, opts.overrides ?? []);
  }

  /** Whether a China date (`YYYY-MM-DD`, or the China day of an instant) is a working day, and why. */
  dayKind(date: string | Date): DayKind {
    const day = typeof date === 'string' ? parseChinaDate(date) : chinaDay(date.getTime());
    if (day === null) throw new RangeError(`bad date ${String(date)} (expected YYYY-MM-DD)`);
    return this.dayKindOf(this.checkDay(day));
  }

  /** How well the calendar knows a year (see {@link CalendarCoverage}). */
  yearCoverage(year: number): CalendarCoverage {
    if (this.packageYears.has(year)) return 'chinese-days';
    return this.overrideYears.has(year) ? 'overrides' : 'weekdays-only';
  }

  /** The worst coverage of the years from a's China day to b's. */
  coverageBetween(a: Date, b: Date): CalendarCoverage {
    return this.coverageBetweenMs(a.getTime(), b.getTime());
  }

  isWorkingTime(at: Date): boolean {
    return this.officePositionMs(at.getTime()) === 'office-hours';
  }

  /** Where an instant lies: in office hours, before them, in a break (午休), after them, on a day off. */
  officePosition(at: Date): OfficePosition {
    return this.officePositionMs(at.getTime());
  }

  /** The instant itself when inside office hours, else the start of the next office period. */
  nextWorkingInstant(at: Date): Date {
    return new Date(this.addWorkingMs(at.getTime(), 0));
  }

  /**
   * Adds working time: starts at `from` clamped forward to the next office period, then consumes office
   * time period by period, skipping breaks, nights, weekends and holidays. A result exactly at the end of a
   * period stays there (12:00 or 17:30, not 13:30 or the next morning); adding 0 gives
   * {@link nextWorkingInstant}. Minutes may be fractional (rounded to the millisecond), not negative.
   */
  addWorkingMinutes(from: Date, minutes: number): Date {
    return new Date(this.addWorkingMs(from.getTime(), minutes * MINUTE_MS));
  }

  /**
   * "N working days" (N 个工作日): N × {@link workingDayMinutes} of working time added from `from` clamped
   * forward to the next office period. Received Monday 10:15 + 1 → Tuesday 10:15; Monday 09:00 + 1 →
   * Monday 17:30; after hours or on a holiday, counting starts at the next working morning 09:00.
   */
  addWorkingDays(from: Date, days: number): Date {
    return new Date(this.addWorkingMs(from.getTime(), days * this.dayMs));
  }

  /** Office time in minutes between two instants (negative when b is before a). */
  workingMinutesBetween(a: Date, b: Date): number {
    return this.workingMsBetween(a.getTime(), b.getTime()) / MINUTE_MS;
  }

  /**
   * The runs of holidays, 调休 make-up working days and overridden days from a's China day to b's
   * (inclusive), in order; plain weekdays and weekends are left out.
   */
  notableDays(a: Date, b: Date): NotableDays[] {
    return this.notableDaysMs(a.getTime(), b.getTime());
  }

  // Epoch-millisecond variants, for hot loops (no Date allocation).

  /** {@link addWorkingMinutes} on epoch milliseconds. */
  addWorkingMs(fromMs: number, workMs: number): number {
    if (!Number.isFinite(workMs) || workMs < 0) {
      throw new RangeError(`working time to add must be a finite number ≥ 0, not ${workMs}`);
    }
    const { codes, starts, ends, dayMs } = this;
    let day = this.checkDay(chinaDay(fromMs));
    let tod = chinaTimeOfDay(fromMs);
    let left = Math.round(workMs);
    for (;;) {
      if (WORKING_CODE[codes[day]]) {
        if (tod <= starts[0] && left > dayMs) {
          left -= dayMs; // a whole working day at once
        } else {
          for (let i = 0; i < starts.length; i++) {
            if (tod >= ends[i]) continue;
            const from = tod > starts[i] ? tod : starts[i];
            const available = ends[i] - from;
            if (left <= available) return chinaInstant(day, from + left);
            left -= available;
            tod = ends[i];
          }
        }
      }
      day = this.checkDay(day + 1);
      tod = 0;
    }
  }

  /** {@link nextWorkingInstant} on epoch milliseconds. */
  nextWorkingMs(ms: number): number {
    return this.addWorkingMs(ms, 0);
  }

  /** {@link workingMinutesBetween} in milliseconds, O(1) through the running count of working days. */
  workingMsBetween(aMs: number, bMs: number): number {
    return this.workedUntil(bMs) - this.workedUntil(aMs);
  }

  coverageBetweenMs(aMs: number, bMs: number): CalendarCoverage {
    const first = this.checkDay(chinaDay(Math.min(aMs, bMs)));
    const last = this.checkDay(chinaDay(Math.max(aMs, bMs)));
    const { coverage } = this;
    // Coverage is per year, so within a year's span the two ends see every year in between.
    let worst = Math.max(coverage[first], coverage[last]);
    for (let day = first + 1; last - first > 366 && day < last; day++) worst = Math.max(worst, coverage[day]);
    return COVERAGES[worst];
  }

  officePositionMs(ms: number): OfficePosition {
    const day = this.checkDay(chinaDay(ms));
    if (!WORKING_CODE[this.codes[day]]) return 'non-working-day';
    const tod = chinaTimeOfDay(ms);
    const { starts, ends } = this;
    if (tod < starts[0]) return 'before-hours';
    for (let i = 0; i < starts.length; i++) {
      if (tod < ends[i]) return tod >= starts[i] ? 'office-hours' : 'break';
    }
    return 'after-hours';
  }

  notableDaysMs(aMs: number, bMs: number): NotableDays[] {
    const out: NotableDays[] = [];
    const { codes, names } = this;
    const last = this.checkDay(chinaDay(bMs));
    let runStart = -1;
    let runName: string | undefined;
    for (let day = this.checkDay(chinaDay(aMs)); day <= last; day++) {
      const code = codes[day];
      const plain = code === WEEKDAY || code === WEEKEND;
      const name = plain ? undefined : names.get(day);
      if (runStart >= 0 && (plain || code !== codes[runStart] || name !== runName)) {
        out.push(notableRun(codes[runStart], runStart, day - 1, runName));
        runStart = -1;
      }
      if (runStart < 0 && !plain) {
        runStart = day;
        runName = name;
      }
    }
    if (runStart >= 0) out.push(notableRun(codes[runStart], runStart, last, runName));
    return out;
  }

  private dayKindOf(day: number): DayKind {
    const code = this.codes[day];
    const isOverride = code === OVERRIDE_WORKDAY || code === OVERRIDE_HOLIDAY;
    const source: DaySource = isOverride
      ? 'override'
      : this.packageYears.has(yearOf(day))
        ? 'chinese-days'
        : 'weekdays-only';
    const kind: DayKind = { working: WORKING_CODE[code], reason: REASONS[code], source };
    const name = this.names.get(day);
    if (name !== undefined) kind.name = name;
    return kind;
  }

  /** Office time from 1970-01-01 00:00 China to the instant. */
  private workedUntil(ms: number): number {
    const day = this.checkDay(chinaDay(ms));
    let worked = this.workingBefore[day] * this.dayMs;
    if (WORKING_CODE[this.codes[day]]) {
      const tod = chinaTimeOfDay(ms);
      const { starts, ends } = this;
      for (let i = 0; i < starts.length && tod > starts[i]; i++) {
        worked += (tod < ends[i] ? tod : ends[i]) - starts[i];
      }
    }
    return worked;
  }

  private checkDay(day: number): number {
    if (day >= 0 && day < DAY_COUNT) return day;
    throw new RangeError(
      Number.isNaN(day)
        ? 'invalid date'
        : `date out of the calendar's range (${FIRST_YEAR}–${END_YEAR - 1}): day ${day}`,
    );
  }
}
