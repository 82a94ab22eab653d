import { Controller, Inject } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import { type Actor, CaseWorkflowUseCase, WorkflowError } from '@hub/cases';
import { InvalidMessageError, parseHotlineFeedback, Topics } from '@hub/contracts';
import { type InboundMessage } from '@hub/messaging';
import { PgWorkflowStore } from '@hub/persistence';

export const SYSTEM_ACTOR: Actor = { username: 'system', role: 'system', departmentCode: null };
const CONSUMER = 'case-service.feedback';

/**
 * `hotline.feedback.v1` → 回访: the follow-up call's result is recorded on the case
 * (`case.feedback-received`); a dissatisfied or unresolved citizen reopens it for re-handling
 * (重办, `case.reopened` with the 3-working-day deadline); a reached, satisfied one closes it (办结).
 * Each step runs once per feedback message, whatever is redelivered.
 */
@Controller()
export class FeedbackHandler {
  constructor(
    @Inject(CaseWorkflowUseCase) private readonly workflow: CaseWorkflowUseCase,
    @Inject(PgWorkflowStore) private readonly store: PgWorkflowStore,
  ) {}

  @EventPattern(Topics.hotlineFeedback)
  async handle(message: InboundMessage): Promise<void> {
    const feedback = parseHotlineFeedback(message.value);
    // A ticket whose case is still being opened gets retried; one that never opens ends in the .dlt.
    const caseId = await this.store.caseIdByExternalRef('hotline', feedback.ticketId);
    if (!caseId) throw new Error(`no case for hotline ticket ${feedback.ticketId} (yet)`);
    const key = `${feedback.ticketId}@${feedback.visitedAt}`;
    const { ticketId: _ticket, ...visit } = feedback;
    try {
      await this.workflow.executeOnce(caseId, { action: 'record-feedback', feedback: visit }, SYSTEM_ACTOR, {
        consumer: CONSUMER,
        key,
      });
      const unhappy = feedback.satisfaction === 'dissatisfied' || feedback.resolved === 'unresolved';
      if (unhappy) {
        const reason = `回访不满意，重办${feedback.comment ? `：${feedback.comment}` : ''}`;
        await this.workflow.executeOnce(caseId, { action: 'reopen', reason }, SYSTEM_ACTOR, {
          consumer: CONSUMER,
          key: `${key}:reopen`,
        });
      } else if (feedback.reached && feedback.satisfaction !== null) {
        await this.closeIfReplied(caseId, key);
      }
    } catch (e) {
      if (e instanceof WorkflowError && e.kind === 'conflict') {
        throw new InvalidMessageError([{ field: 'ticketId', problem: `case ${caseId}: ${e.message}` }]);
      }
      throw e;
    }
  }

  private async closeIfReplied(caseId: string, key: string): Promise<void> {
    if ((await this.store.caseStatus(caseId)) !== 'replied') return;
    await this.workflow.executeOnce(caseId, { action: 'close', comment: '回访满意，办结' }, SYSTEM_ACTOR, {
      consumer: CONSUMER,
      key: `${key}:close`,
    });
  }
}
