import { Controller, Inject } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import { asCaseCreated, parseCaseEvent, Topics } from '@hub/contracts';
import { type InboundMessage } from '@hub/messaging';
import { ClusterPlacement } from './cluster-placement';

/** `hub.case-events.v1` `case.created` → the message joins its recurring question (共性问题). */
@Controller()
export class CaseCreatedHandler {
  constructor(@Inject(ClusterPlacement) private readonly placement: ClusterPlacement) {}

  @EventPattern(Topics.caseEvents)
  async handle(message: InboundMessage): Promise<void> {
    const event = parseCaseEvent(message.value);
    if (event?.type !== 'case.created') return;
    const created = asCaseCreated(event);
    await this.placement.place(
      { id: created.caseId, title: created.data.title, content: created.data.content },
      new Date(created.data.receivedAt),
    );
  }
}
