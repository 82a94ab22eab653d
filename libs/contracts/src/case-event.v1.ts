import { type Channel } from './channel';
import { type CaseStatus } from './case-status';

/** Event types of `hub.case-events.v1`. Adding a type is not a breaking change. */
export const CASE_EVENT_TYPES = [
  'case.created',
  'case.routed',
  'case.assigned',
  'case.accepted',
  'case.returned',
  'case.transferred',
  'case.extension-requested',
  'case.extension-decided',
  'case.reply-submitted',
  'case.reply-rejected',
  'case.replied',
  'case.closed',
  'case.reopened',
  'case.merged',
  'case.supervised',
  'case.reminded',
  'case.feedback-received',
  'case.sla-warning',
  'case.sla-breached',
] as const;
export type CaseEventType = (typeof CASE_EVENT_TYPES)[number];

/**
 * `hub.case-events.v1` — one event per case step, key = caseId, ordered per case.
 * `version` is the case's version after the step (1 for `case.created`), so a consumer can tell
 * a replay or an out-of-order copy from news.
 */
export interface CaseEventV1<D extends object = Record<string, unknown>> {
  eventId: string;
  type: CaseEventType;
  version: number;
  occurredAt: string;
  caseId: string;
  channel: Channel;
  externalRef: string;
  departmentCode: string | null;
  status: CaseStatus;
  dueAt: string | null;
  data: D;
}

/** `data` of `case.created`: what the case shows before any step (personal data masked). */
export interface CaseCreatedDataV1 {
  title: string | null;
  content: string;
  kind: string | null;
  urgency: string;
  receivedAt: string;
  trackingCode: string | null;
  policyDocNo: string | null;
  street: string | null;
}
