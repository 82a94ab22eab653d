import { type CaseCreatedDataV1, type CaseEventV1, type ReceivedMessageV1 } from '@hub/contracts';
import { type Clock, type IdGenerator } from '@hub/config';
import { type CaseStore } from './case-store.port';

/**
 * 受理 — every received message is a case from the first moment, in status `received` until triage
 * routes it. Idempotent: a redelivered message opens nothing new.
 */
export class OpenCaseUseCase {
  constructor(
    private readonly store: CaseStore,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  async execute(
    received: ReceivedMessageV1,
  ): Promise<{ opened: boolean; event: CaseEventV1<CaseCreatedDataV1> }> {
    const event = this.createdEvent(received);
    const opened = await this.store.openCase(received, event);
    return { opened, event };
  }

  createdEvent(received: ReceivedMessageV1): CaseEventV1<CaseCreatedDataV1> {
    return {
      eventId: this.ids.uuid(),
      type: 'case.created',
      version: 1,
      occurredAt: this.clock.now().toISOString(),
      caseId: received.caseId,
      channel: received.channel,
      externalRef: received.externalRef,
      departmentCode: null,
      status: 'received',
      dueAt: received.sourceDueAt,
      data: {
        title: received.title,
        content: received.content,
        kind: received.kind,
        urgency: received.urgency,
        receivedAt: received.receivedAt,
        trackingCode: received.trackingCode,
        policyDocNo: received.policyDocNo,
        street: received.street,
      },
    };
  }
}
