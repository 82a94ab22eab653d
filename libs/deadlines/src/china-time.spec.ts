import {
  chinaDay,
  chinaTimeOfDay,
  civilFromDay,
  dayFromCivil,
  formatChina,
  formatChinaDate,
  parseChinaDate,
  parseClockTime,
  toChinaIso,
  weekdayOf,
} from './china-time';

describe('China time on epoch milliseconds (UTC+8, no DST)', () => {
  it('puts 16:00 UTC on the next China day, at midnight', () => {
    const ms = Date.parse('2026-03-02T16:00:00Z');
    expect(formatChinaDate(chinaDay(ms))).toBe('2026-03-03');
    expect(chinaTimeOfDay(ms)).toBe(0);
    expect(formatChina(ms)).toBe('2026-03-03 00:00');
  });

  it('keeps 15:59:59.999 UTC on the same China day, at 23:59', () => {
    const ms = Date.parse('2026-03-02T15:59:59.999Z');
    expect(formatChina(ms)).toBe('2026-03-02 23:59');
  });

  it.each([
    ['1970-01-01', 0, 4],
    ['2000-02-29', 11016, 2],
    ['2025-10-01', 20362, 3],
    ['2026-02-15', 20499, 0],
    ['2027-10-01', 21092, 5],
    ['2199-12-31', 84005, 2],
  ])('converts %s ⇄ day %i (weekday %i)', (date, day, weekday) => {
    expect(parseChinaDate(date)).toBe(day);
    expect(formatChinaDate(day)).toBe(date);
    expect(weekdayOf(day)).toBe(weekday);
    const { year, month, dayOfMonth } = civilFromDay(day);
    expect(dayFromCivil(year, month, dayOfMonth)).toBe(day);
  });

  it.each(['2026-02-29', '2026-13-01', '2026-04-31', '2026-4-1', '2026/04/01', '', '2026-04-01T00:00'])(
    'rejects the date %p',
    (date) => {
      expect(parseChinaDate(date)).toBeNull();
    },
  );

  it('writes ISO 8601 in China time with +08:00, milliseconds only when present', () => {
    expect(toChinaIso(new Date('2026-10-15T09:30:00Z'))).toBe('2026-10-15T17:30:00+08:00');
    expect(toChinaIso(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01T00:00:00+08:00');
    expect(toChinaIso(new Date('2026-03-02T02:15:42.5Z'))).toBe('2026-03-02T10:15:42.500+08:00');
    expect(new Date(toChinaIso(new Date('2026-03-02T02:15:42.5Z'))).toISOString()).toBe(
      '2026-03-02T02:15:42.500Z',
    );
  });

  it('reads HH:MM clock times, 24:00 as an end of day', () => {
    expect(parseClockTime('09:00')).toBe(540);
    expect(parseClockTime('17:30')).toBe(1050);
    expect(parseClockTime('24:00')).toBe(1440);
    expect(parseClockTime('24:01')).toBeNull();
    expect(parseClockTime('9:00')).toBeNull();
    expect(parseClockTime('12:60')).toBeNull();
  });
});
