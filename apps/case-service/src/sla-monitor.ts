import { Logger } from '@nestjs/common';
import { type CaseWorkflowUseCase, WorkflowError } from '@hub/cases';
import { type Clock } from '@hub/config';
import { type PgWorkflowStore } from '@hub/persistence';
import { SYSTEM_ACTOR } from './handlers/feedback.handler';

/**
 * The SLA monitor: every few seconds it asks the database which open cases have reached their
 * warning time (a fifth of the allowed time left) or their deadline, and emits `case.sla-warning` /
 * `case.sla-breached` as workflow steps with notifications to the unit and the supervisors. Each
 * goes out once per deadline — the case row remembers the due time it was sent for — so a restart,
 * a second instance or an overlapping sweep sends nothing twice, and a moved deadline (延期, 重办)
 * is watched afresh.
 */
export class SlaMonitor {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly store: PgWorkflowStore,
    private readonly workflow: CaseWorkflowUseCase,
    private readonly clock: Clock,
    private readonly intervalMs: number,
  ) {}

  start(): void {
    const tick = () => {
      this.running = this.sweep()
        .then(() => undefined)
        .catch((e: unknown) => Logger.error(`SLA sweep failed: ${String(e)}`, 'sla-monitor'))
        .finally(() => {
          this.running = null;
          if (this.timer) this.timer = setTimeout(tick, this.intervalMs);
        });
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One pass: the steps that were due, by kind. */
  async sweep(batch = 200): Promise<{ warnings: number; breaches: number }> {
    const counts = { warnings: 0, breaches: 0 };
    for (;;) {
      const due = await this.store.slaDue(this.clock.now(), batch);
      let sent = 0;
      for (const { id, kind } of due) {
        try {
          await this.workflow.execute(id, { action: kind }, SYSTEM_ACTOR);
          sent++;
          if (kind === 'sla-warning') counts.warnings++;
          else counts.breaches++;
        } catch (e) {
          // Another instance or a staff step got there first: the state no longer calls for it.
          if (!(e instanceof WorkflowError)) throw e;
        }
      }
      if (due.length < batch || sent === 0) return counts;
    }
  }
}
