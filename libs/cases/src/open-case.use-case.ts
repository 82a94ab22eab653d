import { type CaseCreatedDataV1, type CaseEventV1, type ReceivedMessageV1 } from '@hub/contracts';
import { type Clock, type IdGenerator } from '@hub/config';
import { type CaseDeadlines, type OpeningDeadlines } from './case-deadlines';
import { type CaseStore } from './case-store.port';

/**
 * 受理 — every received message is a case from the first moment, in status `received` until triage
 * routes it, with its deadlines (签收 and 答复) computed on the working-day calendar from the channel's
 * rules (a source's own due time wins where the rules say so). Idempotent: a redelivered message
 * opens nothing new.
 */
export class OpenCaseUseCase {
  constructor(
    private readonly store: CaseStore,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly deadlines: CaseDeadlines,
  ) {}

  async execute(
    received: ReceivedMessageV1,
  ): Promise<{ opened: boolean; event: CaseEventV1<CaseCreatedDataV1> }> {
    const deadlines = this.deadlines.forNewCase({
      channel: received.channel,
      kind: received.kind,
      urgency: received.urgency,
      receivedAt: new Date(received.receivedAt),
      sourceDueAt: received.sourceDueAt ? new Date(received.sourceDueAt) : null,
    });
    const event = this.createdEvent(received, deadlines);
    const opened = await this.store.openCase(received, event, deadlines);
    return { opened, event };
  }

  createdEvent(received: ReceivedMessageV1, deadlines: OpeningDeadlines): CaseEventV1<CaseCreatedDataV1> {
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
      dueAt: deadlines.answer.dueAt.toISOString(),
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
