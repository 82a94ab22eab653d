import { Controller, Inject } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';

import { OpenCaseUseCase } from '@hub/cases';
import { type InboundMessage } from '@hub/messaging';
import { parseReceivedMessage, Topics } from '@hub/contracts';

/** `hub.messages-received.v1` → 受理: opens the message's case. */
@Controller()
export class ReceivedMessageHandler {
  constructor(@Inject(OpenCaseUseCase) private readonly openCase: OpenCaseUseCase) {}

  @EventPattern(Topics.messagesReceived)
  async handle(message: InboundMessage): Promise<void> {
    await this.openCase.execute(parseReceivedMessage(message.value));
  }
}
