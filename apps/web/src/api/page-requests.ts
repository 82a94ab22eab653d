import { formatTime } from '../cases/deadline';
import { type CaseStatus, OPEN_STATUSES, type Role, type VolumeGrouping } from './types';

/**
 * What the main pages ask the API for first, from the address and the user. The pages load through
 * these, and `preloadRoute` (app.tsx) sends the same requests while a page's code is still loading
 * (`fetchAhead`): the same function builds both, so the page's call finds its answer on the way.
 */

type Filters = { channel?: string; department?: string };

/** Statuses a unit's staff can hold a case in while it is open (not received, not dispatching). */
const UNIT_OPEN: readonly CaseStatus[] = ['assigned', 'accepted', 'reply-review'];

/** `/queue`: the statuses (undefined: all) and filters the address asks for; unit roles' "open" is their unit's. */
export function queueList(
  role: Role | undefined,
  params: URLSearchParams,
): { statuses: readonly CaseStatus[] | undefined; filters: Record<string, string | undefined> } {
  const status = params.get('status') ?? 'open';
  const unitRole = role === 'staff' || role === 'lead';
  const statuses =
    status === 'open'
      ? unitRole
        ? UNIT_OPEN
        : OPEN_STATUSES
      : status === 'all'
        ? undefined
        : [status as CaseStatus];
  return {
    statuses,
    filters: {
      channel: params.get('channel') ?? undefined,
      department: params.get('department') ?? undefined,
      q: params.get('q') || undefined,
    },
  };
}

/** `/dispatch`: the cases waiting for a dispatcher. */
export const DISPATCH_STATUSES: readonly CaseStatus[] = ['pending-dispatch', 'received'];

/** `/review`: replies waiting for the lead. */
export const REVIEW_STATUSES: readonly CaseStatus[] = ['reply-review'];

/** How far ahead of its deadline an open case can already be at risk (a fifth of up to 30 working days). */
const WATCH_AHEAD_MS = 14 * 24 * 3600 * 1000;

/** `/sla` watch list: open cases due within two weeks (to the minute, so a call made a moment later is the same). */
export function slaWatchFilters(now = Date.now()): { dueBefore: string } {
  const minute = 60_000;
  return { dueBefore: new Date(Math.ceil((now + WATCH_AHEAD_MS) / minute) * minute).toISOString() };
}

/** `/sla` 三率 per department, over a period (`from`/`to`, dates) or everything. */
export function slaMetricsQuery(range: { from?: string; to?: string }) {
  return { groupBy: 'department', ...range };
}

const DAY_MS = 24 * 3600 * 1000;

/** `YYYY-MM-DD` (China time) of an instant. */
export const chinaDate = (at: number) => formatTime(new Date(at).toISOString()).slice(0, 10);

/** `/analytics` as it opens: this week's hot topics, weekly volume by channel over 12 weeks, this month's 每月一题. */
export const ANALYTICS_START = {
  window: 'week' as 'week' | 'month',
  weeks: 12 as 12 | 26 | 52,
  groupBy: 'channel' as VolumeGrouping,
  month: () => chinaDate(Date.now()).slice(0, 7),
};

/** `/analytics`: hot topics and rising terms of a 7- or 30-day window. */
export function hotTopicsQuery(span: 'week' | 'month', filters: Filters) {
  return { window: span, limit: 20, ...filters };
}

/** `/analytics`: 每月一题 of a month (`YYYY-MM`, China time). */
export function monthlyQuestionsQuery(month: string, filters: Filters) {
  return { month, limit: 10, ...filters };
}

/** `/analytics`: the first day (China time) of a volume chart over the last `weeks` weeks. */
export function volumeFrom(weeks: number, now = Date.now()): string {
  return chinaDate(now - (weeks * 7 - 1) * DAY_MS);
}

/** `/analytics`: weekly volume by channel, unit or street, and the streets' monthly volume for the treemap. */
export function volumeQuery(groupBy: string, from: string, filters: Filters) {
  return { groupBy, interval: 'week', from, ...filters };
}
export function streetVolumeQuery(from: string, filters: Filters) {
  return { groupBy: 'street', interval: 'month', from, ...filters };
}
