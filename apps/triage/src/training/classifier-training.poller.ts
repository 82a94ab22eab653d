import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { PgTriageStore } from '@hub/persistence';
import { TrainClassifierUseCase } from '@hub/triage';
import { TriageConfig } from '../triage.config';

/** A job running this long has lost its instance (training takes seconds). */
const ABANDONED_AFTER_MS = 15 * 60_000;

/**
 * Runs the classifier training jobs admins queue through the API (`POST /api/v1/classifier/models`):
 * every few seconds it claims the oldest queued job, if any — one instance gets each job — and
 * trains it. Training is CPU work in this process: this instance's consumer pauses for its
 * duration (about 2 s at the shipped corpus size).
 */
@Injectable()
export class ClassifierTrainingPoller implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('classifier-training');
  private timer: NodeJS.Timeout | undefined;
  private current: Promise<void> | null = null;

  constructor(
    @Inject(TrainClassifierUseCase) private readonly train: TrainClassifierUseCase,
    @Inject(PgTriageStore) private readonly store: PgTriageStore,
    @Inject(TriageConfig) private readonly config: TriageConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const n = await this.store.failAbandonedTraining(ABANDONED_AFTER_MS);
    if (n > 0) this.log.warn(`${n} training job(s) left running by a stopped instance marked failed`);
    this.timer = setInterval(() => this.tick(), this.config.TRIAGE_TRAINING_POLL_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.current;
  }

  private tick(): void {
    if (this.current) return;
    this.current = this.drain()
      .catch((e: unknown) =>
        this.log.error(`training poll failed: ${e instanceof Error ? e.message : String(e)}`),
      )
      .finally(() => (this.current = null));
  }

  private async drain(): Promise<void> {
    for (let outcome = await this.train.runNext(); outcome; outcome = await this.train.runNext()) {
      if ('version' in outcome) this.log.log(`training ${outcome.id}: model v${outcome.version} stored`);
      else this.log.error(`training ${outcome.id} failed: ${outcome.error}`);
    }
  }
}
