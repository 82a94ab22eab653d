import { type ReceivedMessageV1 } from '@hub/contracts';
import { type Clock, type IdGenerator } from '@hub/config';
import { canonicalDocNumber, extractDocNumbers, maskPersonalData, normalizeText } from '@hub/text';
import { type IncomingMessage, type ReceivedIds } from './incoming-message';
import { type IntakeStore, type ReceivedRecord } from './intake-store.port';
import { type PolicyRegistry } from './policy-registry.port';

export interface ReceiveResult extends ReceivedIds {
  /** True when the source id had been received before: nothing new was stored. */
  duplicate: boolean;
}

/**
 * 受理 — takes in one message from any channel: normalises the text, separates personal data (the
 * text that flows on is masked), recognises a cited 文号 and links it to the policy registry, and
 * stores it once per source id.
 */
export class ReceiveMessageUseCase {
  constructor(
    private readonly store: IntakeStore,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly policies: PolicyRegistry,
  ) {}

  async execute(incoming: IncomingMessage): Promise<ReceiveResult> {
    const record = this.prepare(incoming);
    const policy = await this.policies.match(record.citedDocNos);
    if (policy) {
      record.event.policyDocNo = policy.docNo;
      record.event.policyId = policy.id;
    }
    const saved = await this.store.saveReceived(record);
    if (!saved.created) return { ...saved.existing, duplicate: true };
    const { messageId, caseId, trackingCode } = record.event;
    return { messageId, caseId, trackingCode, duplicate: false };
  }

  /** Builds the record to store; pure apart from the clock and the id generator. */
  prepare(incoming: IncomingMessage): ReceivedRecord {
    const now = this.clock.now();
    const title = incoming.title === null ? null : normalizeText(incoming.title);
    const content = normalizeText(incoming.content);
    const maskedTitle = title === null ? null : maskPersonalData(title);
    const maskedContent = maskPersonalData(content);
    const found = [...(maskedTitle?.found ?? []), ...maskedContent.found];
    const citedDocNos = [
      ...(incoming.policyDocNo
        ? [canonicalDocNumber(incoming.policyDocNo) ?? normalizeText(incoming.policyDocNo)]
        : []),
      ...extractDocNumbers(`${title ?? ''} ${content}`),
    ];
    const personalDataKinds = [
      ...new Set([
        ...found.map((f) => f.kind),
        ...(incoming.contact.name ? ['name'] : []),
        ...(incoming.contact.phone ? ['phone'] : []),
        ...(incoming.contact.email ? ['email'] : []),
      ]),
    ].sort();
    const messageId = this.ids.uuid();
    const event: ReceivedMessageV1 = {
      eventId: this.ids.uuid(),
      type: 'message.received',
      version: 1,
      occurredAt: now.toISOString(),
      messageId,
      caseId: this.ids.uuid(),
      channel: incoming.channel,
      externalRef: incoming.externalRef ?? `${incoming.channel}-${messageId}`,
      trackingCode: incoming.channel === 'board' ? this.ids.trackingCode() : null,
      receivedAt: (incoming.receivedAt ?? now).toISOString(),
      kind: incoming.kind,
      urgency: incoming.urgency,
      title: maskedTitle?.text ?? null,
      content: maskedContent.text,
      policyDocNo: citedDocNos[0] ?? null,
      policyId: null,
      address: incoming.address === null ? null : maskPersonalData(normalizeText(incoming.address)).text,
      street: incoming.street,
      sourceDueAt: incoming.sourceDueAt?.toISOString() ?? null,
      location: incoming.location ?? null,
      serviceCode: incoming.serviceCode ?? null,
      personalDataKinds,
    };
    return { event, contact: incoming.contact, found, citedDocNos };
  }
}
