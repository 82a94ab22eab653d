import { Controller, Inject } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import { parseHotlineTicket, Topics } from '@hub/contracts';
import { ReceiveMessageUseCase } from '@hub/intake';
import { type InboundMessage } from '@hub/messaging';

/**
 * `hotline.tickets.v1` → 受理. An invalid ticket (not JSON, not UTF-8, missing or wrong fields,
 * oversized) throws `InvalidMessageError` and the transport puts it on `hotline.tickets.v1.dlt`
 * with the problems; a redelivered ticket (same ticketId) stores nothing new.
 */
@Controller()
export class HotlineTicketHandler {
  constructor(@Inject(ReceiveMessageUseCase) private readonly receive: ReceiveMessageUseCase) {}

  @EventPattern(Topics.hotlineTickets)
  async handle(message: InboundMessage): Promise<void> {
    const t = parseHotlineTicket(message.value);
    await this.receive.execute({
      channel: 'hotline',
      externalRef: t.ticketId,
      receivedAt: new Date(t.receivedAt),
      kind: t.kind,
      urgency: t.urgency,
      title: t.title,
      content: t.content,
      contact: { name: t.caller?.name, phone: t.caller?.phone },
      policyDocNo: null,
      address: t.address,
      street: t.street,
      sourceDueAt: t.dueAt ? new Date(t.dueAt) : null,
      serviceCode: t.hotlineCategory,
    });
  }
}
