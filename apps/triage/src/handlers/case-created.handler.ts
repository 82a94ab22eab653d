import { Controller, Inject } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import { asCaseCreated, parseCaseEvent, Topics } from '@hub/contracts';
import { type InboundMessage } from '@hub/messaging';
import { RouteCaseUseCase } from '@hub/triage';

/** `hub.case-events.v1` `case.created` → 派单: the case gets its unit (or waits for a dispatcher). */
@Controller()
export class CaseCreatedHandler {
  constructor(@Inject(RouteCaseUseCase) private readonly route: RouteCaseUseCase) {}

  @EventPattern(Topics.caseEvents)
  async handle(message: InboundMessage): Promise<void> {
    const event = parseCaseEvent(message.value);
    if (event?.type !== 'case.created') return; // other steps are not triage's
    await this.route.execute(asCaseCreated(event));
  }
}
