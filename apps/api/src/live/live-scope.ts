import { departmentScope, type Principal } from '@hub/auth';
import { type CaseEventV1 } from '@hub/contracts';

/**
 * What a case event looks like on the live stream (`GET /api/v1/events`): which case changed and
 * how far, never its text or anyone's personal data. The browser refetches what it shows.
 */
export interface LiveCaseEvent {
  eventId: string;
  type: string;
  caseId: string;
  version: number;
  status: string;
  departmentCode: string | null;
  /** The unit the case left (转办, 退单, 改派), so that unit's list drops it at once. */
  fromDepartmentCode: string | null;
  occurredAt: string;
}

/**
 * Which events a caller's stream carries:
 * - `all`: dispatchers, supervisors and admins — every case event;
 * - `units`: staff and leads — events of cases of their unit, including a case leaving it;
 * - `counts`: analysts — no case ids at all, only how many cases changed (their dashboards and
 *   the district-wide list refresh on it; they need no per-case feed);
 * - null: roles that read no cases (integration): no stream.
 */
export type LiveScope = { kind: 'all' } | { kind: 'units'; units: readonly string[] } | { kind: 'counts' };

export function liveScope(p: Principal): LiveScope | null {
  switch (p.role) {
    case 'admin':
    case 'dispatcher':
    case 'supervisor':
      return { kind: 'all' };
    case 'staff':
    case 'lead':
      return { kind: 'units', units: departmentScope(p) ?? [] };
    case 'analyst':
      return { kind: 'counts' };
    case 'integration':
      return null;
  }
}

/** The stream's view of a contract event: ids, status, unit, version. */
export function toLiveEvent(e: CaseEventV1): LiveCaseEvent {
  const from = (e.data as { from?: unknown }).from;
  return {
    eventId: e.eventId,
    type: e.type,
    caseId: e.caseId,
    version: e.version,
    status: e.status,
    departmentCode: e.departmentCode,
    fromDepartmentCode: typeof from === 'string' && from !== e.departmentCode ? from : null,
    occurredAt: e.occurredAt,
  };
}

/** Whether a stream of this scope carries the event itself (`counts` streams carry none). */
export function mayReceive(scope: LiveScope, e: LiveCaseEvent): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'units':
      return (
        (e.departmentCode !== null && scope.units.includes(e.departmentCode)) ||
        (e.fromDepartmentCode !== null && scope.units.includes(e.fromDepartmentCode))
      );
    case 'counts':
      return false;
  }
}
