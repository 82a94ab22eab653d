import { OPEN_STATUSES, type CaseItem, type CaseStatus } from '../api/types';

export type DeadlineState = 'breached' | 'at-risk' | 'on-track' | 'none' | 'done';

/**
 * Where a case stands against its deadline now: breached past `dueAt`, at risk past `warnAt` (a
 * fifth of the allowed time left), done once it is answered.
 */
export function deadlineState(
  c: { status: CaseStatus; dueAt: string | null },
  warnAt: string | null | undefined,
  now: number,
): DeadlineState {
  if (!OPEN_STATUSES.includes(c.status)) return 'done';
  if (!c.dueAt) return 'none';
  if (Date.parse(c.dueAt) <= now) return 'breached';
  if (warnAt && Date.parse(warnAt) <= now) return 'at-risk';
  return 'on-track';
}

/** `3天 04:05:06` / `3d 04:05:06` (the day unit from the dictionary), or `04:05:06`. */
export function formatDuration(ms: number, dayUnit: (n: number) => string): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  const days = Math.floor(total / 86400);
  const h = Math.floor((total % 86400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const hms = [h, m, s].map((n) => String(n).padStart(2, '0')).join(':');
  return days > 0 ? `${dayUnit(days)} ${hms}` : hms;
}

/**
 * Times are shown in China time (UTC+8, no daylight saving) whatever the browser's zone: deadlines
 * are office hours in Shanghai, and a laptop set elsewhere must not shift them.
 */
function chinaTime(at: string | Date): string {
  return new Date(new Date(at).getTime() + 8 * 3600_000).toISOString().replace('T', ' ');
}

export function formatTime(iso: string | null | undefined): string {
  return iso ? chinaTime(iso).slice(0, 16) : '—';
}

export function formatTimeSeconds(iso: string | Date | null | undefined): string {
  return iso ? chinaTime(iso).slice(0, 19) : '—';
}

/**
 * Queue order: urgent first, then open cases by time left (breached first, no deadline last),
 * then answered ones, newest first.
 */
export function byUrgencyAndTimeLeft(a: CaseItem, b: CaseItem): number {
  const urgent = (c: CaseItem) => (c.urgency === 'urgent' && OPEN_STATUSES.includes(c.status) ? 0 : 1);
  const open = (c: CaseItem) => (OPEN_STATUSES.includes(c.status) ? 0 : 1);
  const due = (c: CaseItem) => (c.dueAt ? Date.parse(c.dueAt) : Number.MAX_SAFE_INTEGER);
  return (
    urgent(a) - urgent(b) ||
    open(a) - open(b) ||
    (open(a) === 0 ? due(a) - due(b) : Date.parse(b.receivedAt) - Date.parse(a.receivedAt))
  );
}
