import { MESSAGE_KINDS, type MessageKind, URGENCIES, type Urgency } from './channel';
import { FieldChecker, parseJsonObject } from './parse-json';

/** `hotline.tickets.v1` — a 12345 ticket from the call centre, key = ticketId (DESIGN.md, "Kafka"). */
export interface HotlineTicketV1 {
  /** Unique in the hotline; the same ticketId again is the same ticket. */
  ticketId: string;
  receivedAt: string;
  /** 咨询/求助/投诉/建议/举报 */
  kind: MessageKind;
  urgency: Urgency;
  title: string | null;
  /** 1–20,000 characters. */
  content: string;
  caller: { name: string | null; phone: string | null } | null;
  address: string | null;
  street: string | null;
  hotlineCategory: string | null;
  /** Deadline set by the municipal platform; wins over local rules. */
  dueAt: string | null;
  attachments: { name: string; url: string }[];
}

export const HOTLINE_CONTENT_MAX = 20000;
/** A ticket larger than this is rejected whole (20,000 Chinese characters are ~60 KB of UTF-8). */
export const HOTLINE_TICKET_MAX_BYTES = 256 * 1024;

/** Decodes and checks a `hotline.tickets.v1` message; throws `InvalidMessageError` naming every problem. */
export function parseHotlineTicket(value: Buffer): HotlineTicketV1 {
  const obj = parseJsonObject(value, HOTLINE_TICKET_MAX_BYTES);
  const c = new FieldChecker(obj);
  const callerObj = c.object('caller');
  const caller = callerObj
    ? {
        name: callerObj.string('name', { max: 100 }),
        phone: callerObj.string('phone', { max: 40 }),
      }
    : null;
  const attachments = c.objects('attachments').map((a) => ({
    name: a.string('name', { required: true, max: 300 }) ?? '',
    url: a.string('url', { required: true, max: 2000 }) ?? '',
  }));
  const ticket: HotlineTicketV1 = {
    ticketId: c.string('ticketId', { required: true, min: 1, max: 100 }) ?? '',
    receivedAt: c.timestamp('receivedAt', { required: true }) ?? '',
    kind: c.oneOf('kind', MESSAGE_KINDS, { required: true }) ?? 'consultation',
    urgency: c.oneOf('urgency', URGENCIES) ?? 'normal',
    title: c.string('title', { max: 500 }),
    content: c.string('content', { required: true, min: 1, max: HOTLINE_CONTENT_MAX }) ?? '',
    caller,
    address: c.string('address', { max: 500 }),
    street: c.string('street', { max: 100 }),
    hotlineCategory: c.string('hotlineCategory', { max: 200 }),
    dueAt: c.timestamp('dueAt'),
    attachments,
  };
  if (ticket.content.trim() === '' && !c.problems.some((p) => p.field === 'content')) {
    c.problems.push({ field: 'content', problem: 'must not be blank' });
  }
  c.done();
  return ticket;
}
