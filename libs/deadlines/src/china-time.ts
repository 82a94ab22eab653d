/**
 * China Standard Time arithmetic on epoch milliseconds. China has one time zone, UTC+8, with no daylight
 * saving time since 1991, so a fixed offset is exact for every date the hub handles: no Intl, no time-zone
 * library. A "day index" counts China calendar days since 1970-01-01 (China); "time of day" is milliseconds
 * since China midnight.
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
/** UTC+8, all year. */
export const CHINA_OFFSET_MS = 8 * HOUR_MS;

/** The China calendar day an instant falls on. */
export function chinaDay(ms: number): number {
  return Math.floor((ms + CHINA_OFFSET_MS) / DAY_MS);
}

/** Milliseconds since China midnight. */
export function chinaTimeOfDay(ms: number): number {
  const local = ms + CHINA_OFFSET_MS;
  return local - Math.floor(local / DAY_MS) * DAY_MS;
}

/** The instant of a time of day (ms since midnight) on a China calendar day. */
export function chinaInstant(day: number, timeOfDay: number): number {
  return day * DAY_MS + timeOfDay - CHINA_OFFSET_MS;
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

export function isWeekend(day: number): boolean {
  const w = weekdayOf(day);
  return w === 0 || w === 6;
}

/** Year, month (1–12) and day of month of a day index (proleptic Gregorian; H. Hinnant's civil_from_days). */
export function civilFromDay(day: number): { year: number; month: number; dayOfMonth: number } {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const dayOfMonth = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, dayOfMonth };
}

/** The day index of a China calendar date. */
export function dayFromCivil(year: number, month: number, dayOfMonth: number): number {
  return Math.floor(Date.UTC(year, month - 1, dayOfMonth) / DAY_MS);
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The day index of a `YYYY-MM-DD` date, or null when the string is not a real calendar date. */
export function parseChinaDate(date: string): number | null {
  const m = DATE.exec(date);
  if (!m) return null;
  const [year, month, dayOfMonth] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || dayOfMonth < 1 || dayOfMonth > 31) return null;
  const day = dayFromCivil(year, month, dayOfMonth);
  const back = civilFromDay(day);
  return back.month === month && back.dayOfMonth === dayOfMonth ? day : null;
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** Formatted dates are cached: explanations name the same few hundred days over and over. */
const DATE_CACHE = new Map<number, string>();
const CLOCK_STRINGS = Array.from(
  { length: 24 * 60 },
  (_, m) => `${pad2(Math.floor(m / 60))}:${pad2(m % 60)}`,
);

/** `YYYY-MM-DD` of a day index. */
export function formatChinaDate(day: number): string {
  let s = DATE_CACHE.get(day);
  if (s === undefined) {
    const { year, month, dayOfMonth } = civilFromDay(day);
    s = `${year}-${pad2(month)}-${pad2(dayOfMonth)}`;
    if (DATE_CACHE.size < 100_000) DATE_CACHE.set(day, s);
  }
  return s;
}

/** `HH:MM` of a time of day in milliseconds (seconds are cut, not rounded). */
export function formatTimeOfDay(timeOfDay: number): string {
  return CLOCK_STRINGS[Math.floor(timeOfDay / MINUTE_MS)];
}

/** `YYYY-MM-DD HH:MM` China time, for explanations staff read. */
export function formatChina(ms: number): string {
  return `${formatChinaDate(chinaDay(ms))} ${formatTimeOfDay(chinaTimeOfDay(ms))}`;
}

/**
 * ISO 8601 in China time with its offset, `2026-10-15T17:30:00+08:00` (milliseconds only when not zero):
 * what the hub stores and shows. `new Date(s)` reads it back exactly.
 */
export function toChinaIso(at: Date): string {
  const ms = at.getTime();
  const tod = chinaTimeOfDay(ms);
  const seconds = Math.floor(tod / 1000) % 60;
  const millis = tod % 1000;
  const frac = millis === 0 ? '' : `.${String(millis).padStart(3, '0')}`;
  return `${formatChinaDate(chinaDay(ms))}T${formatTimeOfDay(tod)}:${pad2(seconds)}${frac}+08:00`;
}

/** `HH:MM` → minutes since midnight (`24:00` allowed as an end), or null. */
export function parseClockTime(hhmm: string): number | null {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  if (!m) return null;
  const [h, min] = [Number(m[1]), Number(m[2])];
  if (min > 59 || h > 24 || (h === 24 && min !== 0)) return null;
  return h * 60 + min;
}
