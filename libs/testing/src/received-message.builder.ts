import { randomUUID } from 'node:crypto';
import { type Channel, type ReceivedMessageV1 } from '@hub/contracts';

/** Test-data builder: `ReceivedMessageBuilder.board().content('…').build()`. */
export class ReceivedMessageBuilder {
  private constructor(private readonly m: ReceivedMessageV1) {}

  static of(channel: Channel): ReceivedMessageBuilder {
    const now = new Date().toISOString();
    const messageId = randomUUID();
    return new ReceivedMessageBuilder({
      eventId: randomUUID(),
      type: 'message.received',
      version: 1,
      occurredAt: now,
      messageId,
      caseId: randomUUID(),
      channel,
      externalRef: `${channel}-${messageId.slice(0, 8)}`,
      trackingCode: null,
      receivedAt: now,
      kind: 'consultation',
      urgency: 'normal',
      title: '小区底层餐馆油烟扰民',
      content: '静安区某小区底层餐馆油烟扰民，请有关部门处理。',
      policyDocNo: null,
      policyId: null,
      address: null,
      street: null,
      sourceDueAt: null,
      location: null,
      serviceCode: null,
      personalDataKinds: [],
    });
  }

  static board(): ReceivedMessageBuilder {
    return ReceivedMessageBuilder.of('board');
  }

  static hotline(): ReceivedMessageBuilder {
    return ReceivedMessageBuilder.of('hotline').kind('complaint');
  }

  content(content: string): this {
    this.m.content = content;
    return this;
  }

  title(title: string | null): this {
    this.m.title = title;
    return this;
  }

  kind(kind: ReceivedMessageV1['kind']): this {
    this.m.kind = kind;
    return this;
  }

  urgent(): this {
    this.m.urgency = 'urgent';
    return this;
  }

  externalRef(ref: string): this {
    this.m.externalRef = ref;
    return this;
  }

  build(): ReceivedMessageV1 {
    return { ...this.m };
  }
}
