import { CASE_EVENT_TYPES, type CaseCreatedDataV1, type CaseEventV1 } from './case-event.v1';
import { CASE_STATUSES } from './case-status';
import { CHANNELS } from './channel';
import { FieldChecker, parseJsonObject } from './parse-json';

const MAX_BYTES = 512 * 1024;

/**
 * Decodes and checks a `hub.case-events.v1` message. An unknown `type` is not an error (adding a
 * type is not a breaking change): it answers null and the consumer skips the event.
 */
export function parseCaseEvent(value: Buffer): CaseEventV1 | null {
  const obj = parseJsonObject(value, MAX_BYTES);
  const c = new FieldChecker(obj);
  const type = c.string('type', { required: true });
  if (type !== null && !(CASE_EVENT_TYPES as readonly string[]).includes(type)) return null;
  const data = obj.data;
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    c.problems.push({ field: 'data', problem: 'must be an object' });
  const event: CaseEventV1 = {
    eventId: c.string('eventId', { required: true }) ?? '',
    type: type as CaseEventV1['type'],
    version: c.integer('version', { required: true, min: 1 }) ?? 1,
    occurredAt: c.timestamp('occurredAt', { required: true }) ?? '',
    caseId: c.string('caseId', { required: true }) ?? '',
    channel: c.oneOf('channel', CHANNELS, { required: true }) ?? 'board',
    externalRef: c.string('externalRef', { required: true }) ?? '',
    departmentCode: c.string('departmentCode'),
    status: c.oneOf('status', CASE_STATUSES, { required: true }) ?? 'received',
    dueAt: c.timestamp('dueAt'),
    data: (data ?? {}) as Record<string, unknown>,
  };
  c.done();
  return event;
}

/** Checks the `data` of a `case.created` event (what the indexer and triage read from it). */
export function asCaseCreated(event: CaseEventV1): CaseEventV1<CaseCreatedDataV1> {
  const c = new FieldChecker(event.data, 'data.');
  const data: CaseCreatedDataV1 = {
    title: c.string('title'),
    content: c.string('content', { required: true }) ?? '',
    kind: c.string('kind'),
    urgency: c.string('urgency') ?? 'normal',
    receivedAt: c.timestamp('receivedAt', { required: true }) ?? '',
    trackingCode: c.string('trackingCode'),
    policyDocNo: c.string('policyDocNo'),
    street: c.string('street'),
  };
  c.done();
  return { ...event, data };
}
