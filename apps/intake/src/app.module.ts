import { Module } from '@nestjs/common';
import { Topics } from '@hub/contracts';
import { IntakeModule } from '@hub/intake-feature';
import { MessagingModule, withDeadLetter } from '@hub/messaging';
import { PersistenceModule } from '@hub/persistence';
import { HotlineTicketHandler } from './handlers/hotline-ticket.handler';
import { IntakeConfig } from './intake.config';

/**
 * The intake service: the call centre's channel.
 * Consumes: `hotline.tickets.v1` (dead letters: `hotline.tickets.v1.dlt`).
 * Produces (through the outbox): `hub.messages-received.v1`.
 */
@Module({})
export class AppModule {
  static forRoot(config: IntakeConfig) {
    return {
      module: AppModule,
      imports: [
        PersistenceModule.forRoot({ databaseUrl: config.DATABASE_URL }),
        MessagingModule.forService('intake', config, [
          ...withDeadLetter(Topics.hotlineTickets),
          { name: Topics.messagesReceived },
        ]),
        IntakeModule,
      ],
      controllers: [HotlineTicketHandler],
      providers: [{ provide: IntakeConfig, useValue: config }],
    };
  }
}
