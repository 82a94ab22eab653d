/**
 * @hub/deadlines — the deadline engine (时限计算). Pure: no I/O, no clock, no time-zone library.
 *
 * - {@link WorkCalendar}: the Chinese statutory working calendar — weekends off except 调休 make-up
 *   working days, public holidays off (both from the `chinese-days` package, 2004–2026 in 1.5.7),
 *   administrator overrides winning over the package, office hours with a lunch break (default
 *   09:00–12:00 and 13:30–17:30 China time, UTC+8). A year nobody knows is plain Mon–Fri and is reported
 *   (`calendarCoverage: 'weekdays-only'`).
 * - "N working days" from an instant: N × one full day of office time (7 h by default) of working time,
 *   starting at the instant clamped forward to the next office period (after hours → next working
 *   morning 09:00; lunch → 13:30). A result exactly at the end of a period is that end (17:30, not the
 *   next morning). Clock hours and source due times are plain elapsed time.
 * - {@link computeDeadlines}: 签收/首次联系 and 答复 limits per channel and kind from
 *   {@link DEFAULT_DEADLINE_POLICY} (plain data administrators can override); {@link extendDeadline} for
 *   延期 with a cap; {@link rehandlingDeadline} for 重办. `warnAt` is when 80% of the allowed time has
 *   elapsed, in the rule's own clock. Each result explains itself in Chinese and English and is stored as
 *   jsonb through {@link toJSON} / {@link deadlineFromJSON}.
 */
export { formatChina, toChinaIso } from './china-time';
export * from './work-calendar';
export * from './deadline-policy';
export * from './deadline-error';
export * from './compute-deadlines';
export * from './deadline-json';
export { readPackageCalendar, type PackageCalendar } from './chinese-days-data';
