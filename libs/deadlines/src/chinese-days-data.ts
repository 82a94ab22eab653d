import chineseDaysJson from 'chinese-days/dist/chinese-days.json';
import { civilFromDay, parseChinaDate } from './china-time';

/**
 * The statutory holiday arrangement (国务院办公厅节假日安排) from the npm package `chinese-days`: its published
 * data file `dist/chinese-days.json` (documented in its README), which is what its `isWorkday`,
 * `isHoliday` and `getDayDetail` read. The file is used instead of those functions because it also tells
 * which years are covered (the functions silently answer Mon–Fri for an unknown year) and because the
 * functions parse dates in the process's local time zone, which shifts the day west of UTC.
 *
 * Shape: `{ holidays, workdays, inLieuDays }`, each `{ 'YYYY-MM-DD': 'English name,中文名,days' }`.
 * `holidays` lists every day off of a holiday period, weekend days inside it included; `workdays` the
 * make-up working days (调休上班, always a Saturday or Sunday); `inLieuDays` the holidays that are paid
 * back by a make-up day (informative only: they are in `holidays` too).
 */
export interface PackageCalendar {
  /** Day index → holiday name, e.g. `国庆节 National Day`. */
  holidays: ReadonlyMap<number, string>;
  /** Day index → the holiday a make-up working day (调休) belongs to. */
  workdays: ReadonlyMap<number, string>;
  /** Years with an arrangement in the package (each has at least 元旦). */
  years: ReadonlySet<number>;
}

/** `National Day,国庆节,3` → `国庆节 National Day`. */
function holidayName(entry: string): string {
  const [en = '', zh = ''] = entry.split(',');
  return [zh.trim(), en.trim()].filter(Boolean).join(' ') || entry;
}

function readSection(data: unknown, key: string): Map<number, string> {
  const section = (data as Record<string, unknown> | null)?.[key];
  if (typeof section !== 'object' || section === null) {
    throw new Error(`chinese-days data: section "${key}" is missing`);
  }
  const out = new Map<number, string>();
  for (const [date, value] of Object.entries(section)) {
    const day = parseChinaDate(date);
    if (day === null || typeof value !== 'string') {
      throw new Error(`chinese-days data: bad entry ${key}["${date}"]`);
    }
    out.set(day, holidayName(value));
  }
  return out;
}

/** Reads and checks a `chinese-days.json`-shaped object (exported for tests). */
export function readPackageCalendar(data: unknown): PackageCalendar {
  const holidays = readSection(data, 'holidays');
  const workdays = readSection(data, 'workdays');
  const years = new Set([...holidays.keys()].map((d) => civilFromDay(d).year));
  return { holidays, workdays, years };
}

let cached: PackageCalendar | undefined;

/** The package's arrangement, read once per process. */
export function packageCalendar(): PackageCalendar {
  cached ??= readPackageCalendar(chineseDaysJson);
  return cached;
}
