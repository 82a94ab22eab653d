import { type PortalReferralV1 } from '@hub/contracts';
import { type IncomingMessage } from './incoming-message';

/** A portal referral as an incoming message: a 转办 is a request for an answer in substance. */
export function referralToIncoming(r: PortalReferralV1): IncomingMessage {
  return {
    channel: 'portal',
    externalRef: r.referralId,
    receivedAt: new Date(r.referredAt),
    kind: null,
    urgency: 'normal',
    title: r.title,
    content: r.content,
    contact: { name: r.submitter, phone: r.phone },
    policyDocNo: null,
    address: r.region,
    street: null,
    sourceDueAt: r.dueAt ? new Date(r.dueAt) : null,
  };
}
