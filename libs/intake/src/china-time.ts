/**
 * Times from the portal's export are wall-clock times in China (UTC+8, no daylight saving). Cells
 * come as Excel dates (exceljs gives the wall-clock time as if it were UTC) or as text such as
 * `2026-11-28 09:30`, `2026/11/28 9:30:00`, `2026-11-28` or full ISO 8601.
 */
const OFFSET_MS = 8 * 3600 * 1000;

export function excelDateToIso(d: Date): string {
  return new Date(d.getTime() - OFFSET_MS).toISOString();
}

/**
 * Text to ISO 8601 (UTC), or null when it is not a time. A date without a time is the start of
 * that day, or its end (23:59:59) with `endOfDay` — a deadline given as a date runs to its end.
 */
export function chinaTextToIso(text: string, opts: { endOfDay?: boolean } = {}): string | null {
  const s = text.trim();
  if (/^\d{4}-\d{2}-\d{2}T/.test(s) && /(Z|[+-]\d{2}:?\d{2})$/.test(s)) {
    const t = Date.parse(s);
    return Number.isNaN(t) ? null : new Date(t).toISOString();
  }
  const m =
    /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]+(\d{1,2})[:：时](\d{1,2})(?:[:：分](\d{1,2})秒?)?)?$/.exec(
      s,
    );
  if (!m) return null;
  const [, y, mo, d, h, mi, se] = m;
  const dateOnly = h === undefined;
  const parts = dateOnly && opts.endOfDay ? [23, 59, 59] : [Number(h ?? 0), Number(mi ?? 0), Number(se ?? 0)];
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), parts[0], parts[1], parts[2]);
  const check = new Date(utc);
  if (
    check.getUTCMonth() !== Number(mo) - 1 ||
    check.getUTCDate() !== Number(d) ||
    parts[0] > 23 ||
    parts[1] > 59 ||
    parts[2] > 59
  ) {
    return null;
  }
  return new Date(utc - OFFSET_MS).toISOString();
}
