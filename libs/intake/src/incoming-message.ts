import { type Channel, type MessageKind, type Urgency } from '@hub/contracts';

/** A citizen's contact details as the channel gave them (raw personal data). */
export interface Contact {
  name?: string | null;
  phone?: string | null;
  email?: string | null;
}

/** A message as a channel adapter hands it over, already validated against its contract. */
export interface IncomingMessage {
  channel: Channel;
  /** The source system's id; when the source has none, intake makes one. */
  externalRef: string | null;
  receivedAt: Date | null;
  kind: MessageKind | null;
  urgency: Urgency;
  title: string | null;
  content: string;
  contact: Contact;
  policyDocNo: string | null;
  address: string | null;
  street: string | null;
  sourceDueAt: Date | null;
  location?: { latitude: number; longitude: number } | null;
  serviceCode?: string | null;
}

/** The ids a received message is known by. */
export interface ReceivedIds {
  messageId: string;
  caseId: string;
  trackingCode: string | null;
}
