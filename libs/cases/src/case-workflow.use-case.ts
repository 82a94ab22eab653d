import { type CaseEventV1, type Channel } from '@hub/contracts';
import { type Clock, type IdGenerator } from '@hub/config';
import {
  type Actor,
  type CaseState,
  decide,
  type Transition,
  type WorkflowCommand,
  type WorkflowDeadlines,
  WorkflowError,
} from './workflow';

/** A case as locked for one step: its workflow state and what every event names. */
export interface LockedCase extends CaseState {
  channel: Channel;
  externalRef: string;
}

export interface StepResult {
  transition: Transition;
  event: CaseEventV1;
}

/**
 * Port: where steps are written. `step` locks the case row for the transaction, hands its state to
 * `decide`, and writes the result — case row, timeline, reply, outbox row and audit entry — in that
 * same transaction; two people acting at once are serialised, the second sees the first's result.
 */
export interface WorkflowStore {
  step(
    caseId: string,
    actor: Actor,
    decide: (c: LockedCase) => StepResult,
    claim?: { consumer: string; key: string },
  ): Promise<StepResult | null>;
  /** Whether an active unit (department or street office) has this code. */
  unitExists(code: string): Promise<boolean>;
  /** The status of another case, or null if there is none (merge targets). */
  caseStatus(caseId: string): Promise<string | null>;
}

export const WORKFLOW_STORE = Symbol('WorkflowStore');

/** 签收, 退单, 转办, 延期, 答复/审核, 办结, 督办/催办, 并案, 重办: one workflow step through the public API. */
export class CaseWorkflowUseCase {
  constructor(
    private readonly store: WorkflowStore,
    private readonly deadlines: WorkflowDeadlines,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  async execute(caseId: string, cmd: WorkflowCommand, actor: Actor): Promise<StepResult> {
    const result = await this.run(caseId, cmd, actor);
    if (!result) throw new Error('a step without a claim key always runs');
    return result;
  }

  /** A step taken once per `claim` key (a consumed event): null when that key was processed before. */
  executeOnce(
    caseId: string,
    cmd: WorkflowCommand,
    actor: Actor,
    claim: { consumer: string; key: string },
  ): Promise<StepResult | null> {
    return this.run(caseId, cmd, actor, claim);
  }

  private async run(
    caseId: string,
    cmd: WorkflowCommand,
    actor: Actor,
    claim?: { consumer: string; key: string },
  ): Promise<StepResult | null> {
    await this.checkReferences(caseId, cmd);
    return this.store.step(
      caseId,
      actor,
      (state) => {
        const now = this.clock.now();
        const transition = decide(state, cmd, actor, now, this.deadlines);
        const event: CaseEventV1 = {
          eventId: this.ids.uuid(),
          type: transition.type,
          version: state.version + 1,
          occurredAt: now.toISOString(),
          caseId: state.id,
          channel: state.channel,
          externalRef: state.externalRef,
          departmentCode: transition.departmentCode,
          status: transition.status,
          dueAt: (transition.patch.deadline?.dueAt ?? state.dueAt)?.toISOString() ?? null,
          data: transition.data,
        };
        return { transition, event };
      },
      claim,
    );
  }

  /** Units and merge targets named in the command exist (checked before the case is locked). */
  private async checkReferences(caseId: string, cmd: WorkflowCommand): Promise<void> {
    if (
      (cmd.action === 'assign' || cmd.action === 'transfer') &&
      !(await this.store.unitExists(cmd.departmentCode))
    ) {
      throw new WorkflowError('invalid', `departmentCode: no active unit "${cmd.departmentCode}"`);
    }
    if (cmd.action === 'merge' && cmd.intoCaseId !== caseId) {
      const status = await this.store.caseStatus(cmd.intoCaseId);
      if (status === null) throw new WorkflowError('invalid', `intoCaseId: no case ${cmd.intoCaseId}`);
      if (status === 'merged')
        throw new WorkflowError(
          'invalid',
          `intoCaseId: case ${cmd.intoCaseId} is itself merged into another`,
        );
    }
  }
}
