import type { CaseDetail, Role } from '../api/types';

/** The workflow steps offered over HTTP (`POST /api/v1/cases/{id}/<action>`). */
export const ACTIONS = [
  'assign',
  'accept',
  'return',
  'transfer',
  'request-extension',
  'decide-extension',
  'reply',
  'approve-reply',
  'reject-reply',
  'close',
  'supervise',
  'remind',
  'merge',
  'reopen',
] as const;
export type Action = (typeof ACTIONS)[number];

/**
 * Whether the case page offers a step: the API says which steps the caller's role, unit and the
 * case's state allow (`allowedActions` of GET /api/v1/cases/{id}, from the same rule table that
 * decides them), so the buttons never disagree with what the server would accept.
 */
export function mayTake(action: Action, c: Pick<CaseDetail, 'allowedActions'>): boolean {
  return c.allowedActions.includes(action);
}

/** The steps open to `user` on this case now. */
export function allowedActions(c: CaseDetail): Action[] {
  const now = Date.now();
  return ACTIONS.filter((a) => {
    if (!mayTake(a, c)) return false;
    const waiting = c.deadlines?.extensionRequest;
    if (a === 'decide-extension') return Boolean(waiting);
    if (a === 'request-extension')
      return !waiting && (!c.dueAt || Date.parse(c.dueAt) > now) && (c.deadlines?.extendedDays ?? 0) < 15;
    return true;
  });
}

/** Roles that may see unmasked contact details (GET /cases/{id}/contact): not analysts. */
export const CONTACT_ROLES: readonly Role[] = ['admin', 'dispatcher', 'staff', 'lead', 'supervisor'];
