import { toChinaIso } from './china-time';
import { type Clock, type ComputedDeadline } from './compute-deadlines';
import { DeadlineError } from './deadline-error';
import { type CalendarCoverage } from './work-calendar';

/**
 * The stored form of a {@link ComputedDeadline} (a jsonb column on the case): instants as ISO 8601 in
 * China time with their offset (`2026-10-15T17:30:00+08:00`), everything else as is.
 */
export interface DeadlineJSON {
  dueAt: string;
  warnAt: string;
  startedAt: string;
  rule: string;
  clock: Clock;
  amount: number;
  unit: ComputedDeadline['unit'];
  explanation: string[];
  calendarCoverage: CalendarCoverage | null;
  extensions: number[];
}

/** The JSON form of a deadline, for storing and showing to staff. */
export function toJSON(d: ComputedDeadline): DeadlineJSON {
  return {
    dueAt: toChinaIso(d.dueAt),
    warnAt: toChinaIso(d.warnAt),
    startedAt: toChinaIso(d.startedAt),
    rule: d.rule,
    clock: d.clock,
    amount: d.amount,
    unit: d.unit,
    explanation: [...d.explanation],
    calendarCoverage: d.calendarCoverage,
    extensions: [...d.extensions],
  };
}

const CLOCKS: readonly string[] = ['working', 'clock'];
const UNITS: readonly string[] = ['working-days', 'clock-hours', 'source'];
const COVERAGES: readonly string[] = ['chinese-days', 'overrides', 'weekdays-only'];
/** An ISO 8601 instant with an explicit offset or Z (a bare local time would depend on the reader's zone). */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function instant(v: unknown, field: string): Date {
  const d = typeof v === 'string' && ISO_INSTANT.test(v) ? new Date(v) : null;
  if (!d || Number.isNaN(d.getTime())) throw bad(`${field} must be an ISO 8601 instant with an offset`);
  return d;
}

function bad(message: string): DeadlineError {
  return new DeadlineError('invalid-json', `stored deadline: ${message}`);
}

/**
 * Reads a stored deadline back (the output of {@link toJSON}, or `JSON.stringify` of a ComputedDeadline,
 * whose dates are UTC ISO strings). `calendarCoverage` and `extensions` may be missing (null and []).
 * Throws a DeadlineError `invalid-json` naming the first bad field.
 */
export function deadlineFromJSON(value: unknown): ComputedDeadline {
  if (typeof value !== 'object' || value === null) throw bad('must be an object');
  const j = value as Partial<Record<keyof DeadlineJSON, unknown>>;
  if (typeof j.rule !== 'string') throw bad('rule must be a string');
  if (typeof j.clock !== 'string' || !CLOCKS.includes(j.clock)) throw bad('clock must be working or clock');
  if (typeof j.unit !== 'string' || !UNITS.includes(j.unit))
    throw bad('unit must be working-days, clock-hours or source');
  if (typeof j.amount !== 'number' || !Number.isFinite(j.amount)) throw bad('amount must be a number');
  if (!Array.isArray(j.explanation) || !j.explanation.every((l): l is string => typeof l === 'string')) {
    throw bad('explanation must be a list of strings');
  }
  const coverage = j.calendarCoverage ?? null;
  if (coverage !== null && (typeof coverage !== 'string' || !COVERAGES.includes(coverage))) {
    throw bad('calendarCoverage must be chinese-days, overrides, weekdays-only or null');
  }
  const extensions = j.extensions ?? [];
  if (!Array.isArray(extensions) || !extensions.every((n) => typeof n === 'number' && Number.isFinite(n))) {
    throw bad('extensions must be a list of numbers');
  }
  return {
    dueAt: instant(j.dueAt, 'dueAt'),
    warnAt: instant(j.warnAt, 'warnAt'),
    startedAt: instant(j.startedAt, 'startedAt'),
    rule: j.rule,
    clock: j.clock as Clock,
    amount: j.amount,
    unit: j.unit as ComputedDeadline['unit'],
    explanation: [...j.explanation],
    calendarCoverage: coverage as CalendarCoverage | null,
    extensions: [...(extensions as number[])],
  };
}
