import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig, CommonConfig } from '@hub/config';
import { createDataSource, PgTriageStore } from '@hub/persistence';
import { defaultSegmenter, directoryWords } from '@hub/text';
import { buildTrainingSet, parseCorpus, trainDepartmentModel } from '@hub/triage';

/**
 * `node tools/run.js seed-classifier [corpus.jsonl]`: when no classifier model is active, trains
 * one on the shipped corpus (libs/triage/data/corpus.jsonl) and any stored training examples, the
 * way the triage service trains on an admin's request (same user dictionary from the directory,
 * same labels: active unit codes), stores it with its 5-fold scores and activates it. An active
 * model is left alone. Run it after seed-directory.
 */
async function main(): Promise<void> {
  const config = loadConfig('seed-classifier', CommonConfig);
  const db = await createDataSource(config.DATABASE_URL, { poolSize: 1 }).initialize();
  try {
    const store = new PgTriageStore(db, {
      onDirectory: (v) => defaultSegmenter().addNewWords(directoryWords(v)),
    });
    const active = await store.active();
    if (active) {
      process.stderr.write(`classifier: model v${active.version} is active\n`);
      return;
    }
    await store.refreshDirectory();
    const file = process.argv[2] ?? join(__dirname, '..', '..', 'libs', 'triage', 'data', 'corpus.jsonl');
    const units = await store.activeUnitCodes();
    if (units.size === 0) throw new Error('the unit directory is empty: run seed-directory first');
    const set = buildTrainingSet(
      parseCorpus(readFileSync(file, 'utf8'), file),
      await store.trainingExamples(),
      units,
    );
    const started = Date.now();
    const { classifier, metrics } = trainDepartmentModel(set.examples, { folds: 5 });
    const version = await store.saveModel(
      {
        labels: [...classifier.labels],
        model: classifier.toJSON(),
        metrics: {
          ...metrics,
          examples: set.counts,
          excluded: set.excluded,
          trainingMs: Date.now() - started,
        },
        trainedOn: set.examples.length,
      },
      true,
    );
    process.stderr.write(
      `classifier: model v${version} trained on ${set.examples.length} messages (5-fold macro-F1 ${metrics.macroF1.toFixed(3)}) and activated\n`,
    );
  } finally {
    await db.destroy();
  }
}

main().catch((e: unknown) => {
  console.error(`seed-classifier failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
