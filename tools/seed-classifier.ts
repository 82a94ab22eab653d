import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig, CommonConfig } from '@hub/config';
import { createDataSource, PgTriageStore } from '@hub/persistence';
import { crossValidate, type LabelledExample, TextClassifier } from '@hub/triage';

/**
 * `node tools/run.js seed-classifier [corpus.jsonl]`: when no classifier model is active, trains
 * one on the shipped corpus (libs/triage/data/corpus.jsonl), stores it with its 5-fold scores and
 * activates it. An active model is left alone.
 */
async function main(): Promise<void> {
  const config = loadConfig('seed-classifier', CommonConfig);
  const db = await createDataSource(config.DATABASE_URL, { poolSize: 1 }).initialize();
  try {
    const store = new PgTriageStore(db);
    const active = await store.active();
    if (active) {
      process.stderr.write(`classifier: model v${active.version} is active\n`);
      return;
    }
    const file = process.argv[2] ?? join(__dirname, '..', '..', 'libs', 'triage', 'data', 'corpus.jsonl');
    const examples: LabelledExample[] = readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => {
        const r = JSON.parse(l) as { id: string; title?: string; content: string; label: string };
        return { id: r.id, title: r.title ?? null, content: r.content, label: r.label };
      });
    const cv = crossValidate(examples, 5);
    const model = TextClassifier.train(examples);
    const version = await store.saveModel(
      {
        labels: [...model.labels],
        model: model.toJSON(),
        metrics: { macroF1: cv.macroF1, accuracy: cv.accuracy, folds: 5 },
        trainedOn: examples.length,
      },
      true,
    );
    process.stderr.write(
      `classifier: model v${version} trained on ${examples.length} messages (5-fold macro-F1 ${cv.macroF1.toFixed(3)}) and activated\n`,
    );
  } finally {
    await db.destroy();
  }
}

main().catch((e: unknown) => {
  console.error(`seed-classifier failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
