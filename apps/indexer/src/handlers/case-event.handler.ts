import { Controller, Inject } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import { asCaseCreated, type CaseEventV1, parseCaseEvent, Topics } from '@hub/contracts';
import { BATCH, type InboundMessage } from '@hub/messaging';
import { CASE_SEARCH, type CaseIndexChange, type CaseSearch } from '@hub/search';

function toChange(event: CaseEventV1): CaseIndexChange {
  if (event.type === 'case.created') {
    const d = asCaseCreated(event).data;
    return {
      kind: 'index',
      doc: {
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
      },
    };
  }
  return {
    kind: 'update',
    caseId: event.caseId,
    version: event.version,
    patch: { status: event.status, departmentCode: event.departmentCode, dueAt: event.dueAt },
  };
}

/**
 * `hub.case-events.v1` → the search index, a fetched batch per bulk request. Idempotent by
 * construction: documents carry the case version, and an event that is not newer than the indexed
 * document changes nothing. An invalid event fails the batch; the transport then retries the
 * messages one by one and dead-letters that one alone.
 */
@Controller()
export class CaseEventHandler {
  constructor(@Inject(CASE_SEARCH) private readonly search: CaseSearch) {}

  @EventPattern(Topics.caseEvents, BATCH)
  async handle(messages: InboundMessage[]): Promise<void> {
    const changes = messages
      .map((m) => parseCaseEvent(m.value))
      .filter((e): e is CaseEventV1 => e !== null) // types added after this consumer: ignored by contract
      .map(toChange);
    await this.search.apply(changes);
  }
}
