import { type ReceivedMessageV1 } from '@hub/contracts';
import { type PersonalDataMatch } from '@hub/text';
import { type Contact, type ReceivedIds } from './incoming-message';

/** What intake keeps of a message: the masked event that flows on, and the raw personal data. */
export interface ReceivedRecord {
  event: ReceivedMessageV1;
  contact: Contact;
  /** Personal data found inside the title and text, with the raw values. */
  found: PersonalDataMatch[];
  /** Every 文号 the message cites, canonical, the explicitly given one first. */
  citedDocNos: string[];
}

export type SaveReceivedResult = { created: true } | { created: false; existing: ReceivedIds };

/**
 * Port: stores a received message, its personal data and its `hub.messages-received.v1` outbox row
 * in one transaction. The same channel and source id a second time stores nothing and names the
 * message that exists.
 */
export interface IntakeStore {
  saveReceived(record: ReceivedRecord): Promise<SaveReceivedResult>;
}

export const INTAKE_STORE = Symbol('IntakeStore');
