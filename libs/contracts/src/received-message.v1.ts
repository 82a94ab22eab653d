import { type Channel, type MessageKind, type Urgency } from './channel';

/**
 * `hub.messages-received.v1` — a citizen message after intake, whatever its channel. Personal data
 * has been separated: `title` and `content` are masked, and the raw contact details stay in the
 * protected store, referenced by `messageId`.
 */
export interface ReceivedMessageV1 {
  eventId: string;
  type: 'message.received';
  version: 1;
  occurredAt: string;
  messageId: string;
  /** The case this message opens; the same id is the case's `id` in HTTP. */
  caseId: string;
  channel: Channel;
  /** The source system's id (ticketId, postId, referralId, service_request_id). */
  externalRef: string;
  trackingCode: string | null;
  receivedAt: string;
  kind: MessageKind | null;
  urgency: Urgency;
  title: string | null;
  content: string;
  /** A 文号 the citizen cited, canonical form (e.g. 静府办发〔2026〕4号). */
  policyDocNo: string | null;
  /** The policy registry's entry for that 文号, when it is there. */
  policyId: string | null;
  address: string | null;
  street: string | null;
  /** A deadline set by the source platform; it wins over local rules. */
  sourceDueAt: string | null;
  /** Where the citizen located the matter (Open311 lat/long). */
  location: { latitude: number; longitude: number } | null;
  /** The source's own category (Open311 service_code, the hotline's category). */
  serviceCode: string | null;
  /** What kinds of personal data were separated (for the audit trail; never the values). */
  personalDataKinds: string[];
}
