import { CHANNELS, MESSAGE_KINDS, URGENCIES } from './channel';
import { FieldChecker, parseJsonObject } from './parse-json';
import { type ReceivedMessageV1 } from './received-message.v1';

const MAX_BYTES = 256 * 1024;

function parseLocation(c: FieldChecker): ReceivedMessageV1['location'] {
  const loc = c.object('location');
  if (!loc) return null;
  const latitude = loc.number('latitude', { required: true, min: -90, max: 90 });
  const longitude = loc.number('longitude', { required: true, min: -180, max: 180 });
  return latitude === null || longitude === null ? null : { latitude, longitude };
}

/** Decodes and checks a `hub.messages-received.v1` message. */
export function parseReceivedMessage(value: Buffer): ReceivedMessageV1 {
  const obj = parseJsonObject(value, MAX_BYTES);
  const c = new FieldChecker(obj);
  const event: ReceivedMessageV1 = {
    eventId: c.string('eventId', { required: true }) ?? '',
    type: c.oneOf('type', ['message.received'] as const, { required: true }) ?? 'message.received',
    version: 1,
    occurredAt: c.timestamp('occurredAt', { required: true }) ?? '',
    messageId: c.string('messageId', { required: true }) ?? '',
    caseId: c.string('caseId', { required: true }) ?? '',
    channel: c.oneOf('channel', CHANNELS, { required: true }) ?? 'board',
    externalRef: c.string('externalRef', { required: true, min: 1 }) ?? '',
    trackingCode: c.string('trackingCode'),
    receivedAt: c.timestamp('receivedAt', { required: true }) ?? '',
    kind: c.oneOf('kind', MESSAGE_KINDS),
    urgency: c.oneOf('urgency', URGENCIES) ?? 'normal',
    title: c.string('title'),
    content: c.string('content', { required: true }) ?? '',
    policyDocNo: c.string('policyDocNo'),
    policyId: c.string('policyId'),
    address: c.string('address'),
    street: c.string('street'),
    sourceDueAt: c.timestamp('sourceDueAt'),
    location: parseLocation(c),
    serviceCode: c.string('serviceCode'),
    personalDataKinds: c.stringArray('personalDataKinds'),
  };
  if (obj.version !== 1) c.problems.push({ field: 'version', problem: 'must be 1' });
  c.done();
  return event;
}
