import { type Clock } from '@hub/config';
import { type LabelledExample } from '../text-classifier';
import { trainDepartmentModel } from './train-department-model';
import { buildTrainingSet, type StoredExample } from './training-set';

/** Port: the training jobs, the examples and the model registry (PostgreSQL in the services). */
export interface ClassifierTrainingStore {
  /** Takes the oldest queued job, if any, for this instance alone. */
  claimTraining(): Promise<{ id: string; activate: boolean } | null>;
  failTraining(id: string, error: string): Promise<void>;
  trainingExamples(): Promise<StoredExample[]>;
  activeUnitCodes(): Promise<ReadonlySet<string>>;
  /** Reloads the directory, and with it the segmenter's user dictionary the features depend on. */
  refreshDirectory(): Promise<void>;
  /** Stores the model (activating it if asked) and marks the job done, in one transaction. */
  saveModel(
    m: { labels: string[]; model: unknown; metrics: object; trainedOn: number },
    activate: boolean,
    trainingId: string,
  ): Promise<number>;
}

export type TrainingOutcome = { id: string; version: number } | { id: string; error: string };

/**
 * Trains a routing model for a queued job: the shipped corpus plus every stored example
 * (dispatcher corrections and imports), all labelled with unit codes; stores it with its
 * cross-validated scores, and activates it if the job asked for that.
 */
export class TrainClassifierUseCase {
  constructor(
    private readonly store: ClassifierTrainingStore,
    private readonly corpus: () => readonly LabelledExample[],
    private readonly clock: Clock,
    private readonly folds = 5,
  ) {}

  /** Runs the next queued job; null when none is queued. */
  async runNext(): Promise<TrainingOutcome | null> {
    const job = await this.store.claimTraining();
    if (!job) return null;
    try {
      await this.store.refreshDirectory();
      const [stored, units] = await Promise.all([
        this.store.trainingExamples(),
        this.store.activeUnitCodes(),
      ]);
      const set = buildTrainingSet(this.corpus(), stored, units);
      const started = this.clock.now().getTime();
      const { classifier, metrics } = trainDepartmentModel(set.examples, { folds: this.folds });
      const version = await this.store.saveModel(
        {
          labels: [...classifier.labels],
          model: classifier.toJSON(),
          metrics: {
            ...metrics,
            examples: set.counts,
            excluded: set.excluded,
            trainingMs: this.clock.now().getTime() - started,
          },
          trainedOn: set.examples.length,
        },
        job.activate,
        job.id,
      );
      return { id: job.id, version };
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      await this.store.failTraining(job.id, error);
      return { id: job.id, error };
    }
  }
}
