import { Controller, Inject } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import { type CaseCreatedDataV1, parseCaseEvent, Topics } from '@hub/contracts';
import { type InboundMessage } from '@hub/messaging';
import { CASE_SEARCH, type CaseSearch } from '@hub/search';

/**
 * `hub.case-events.v1` → the search index. Idempotent by construction: documents carry the case
 * version, and an event that is not newer than the indexed document changes nothing.
 */
@Controller()
export class CaseEventHandler {
  constructor(@Inject(CASE_SEARCH) private readonly search: CaseSearch) {}

  @EventPattern(Topics.caseEvents)
  async handle(message: InboundMessage): Promise<void> {
    const event = parseCaseEvent(message.value);
    if (event === null) return; // a type added after this consumer: ignored by contract
    if (event.type === 'case.created') {
      const d = event.data as unknown as CaseCreatedDataV1;
      await this.search.index({
        caseId: event.caseId,
        channel: event.channel,
        externalRef: event.externalRef,
        status: event.status,
        departmentCode: event.departmentCode,
        kind: d.kind,
        urgency: d.urgency,
        street: d.street,
        policyDocNo: d.policyDocNo,
        title: d.title,
        content: d.content,
        receivedAt: d.receivedAt,
        dueAt: event.dueAt,
        version: event.version,
      });
      return;
    }
    await this.search.update(event.caseId, event.version, {
      status: event.status,
      departmentCode: event.departmentCode,
      dueAt: event.dueAt,
    });
  }
}
