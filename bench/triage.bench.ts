/**
 * `npm run bench -- triage`: quality and speed of the department classifier on the labelled corpus
 * (libs/triage/data/corpus.jsonl), beside a plain bag-of-words naive Bayes measured in the same run.
 * Offline: no services needed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { crossValidate, type LabelledExample, NaiveBayesBaseline, TextClassifier } from '@hub/triage';

function load(): LabelledExample[] {
  const file = join(__dirname, '..', '..', 'libs', 'triage', 'data', 'corpus.jsonl');
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => {
      const r = JSON.parse(l) as { id: string; title?: string; content: string; label: string };
      return { id: r.id, title: r.title ?? null, content: r.content, label: r.label };
    });
}

function throughput(
  predict: (e: LabelledExample) => unknown,
  examples: LabelledExample[],
  ms = 2000,
): number {
  let n = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < ms) {
    for (const e of examples) {
      predict(e);
      n++;
    }
  }
  return n / ((performance.now() - t0) / 1000);
}

function main(): void {
  const corpus = load();
  const labels = [...new Set(corpus.map((e) => e.label))].sort();
  process.stderr.write(
    `triage bench: ${corpus.length} messages, ${labels.length} labels (${labels.join(', ')})\n`,
  );
  const ours = crossValidate(corpus, 5, (e) => TextClassifier.train(e));
  const nb = crossValidate(corpus, 5, (e) => NaiveBayesBaseline.train(e));

  const big = Array.from({ length: 10000 }, (_, i) => {
    const e = corpus[i % corpus.length];
    return { ...e, id: `${e.id}-${i}` };
  });
  let t0 = performance.now();
  const model = TextClassifier.train(big);
  const trainMs = performance.now() - t0;
  t0 = performance.now();
  NaiveBayesBaseline.train(big);
  const nbTrainMs = performance.now() - t0;
  const small = TextClassifier.train(corpus);
  const nbModel = NaiveBayesBaseline.train(corpus);
  const ourRate = throughput((e) => small.predict(e), corpus);
  const nbRate = throughput((e) => nbModel.predict(e), corpus);
  const sizeKb = JSON.stringify(model.toJSON()).length / 1024;

  const rows = [
    `| measure (${corpus.length} labelled messages, ${labels.length} departments) | hub classifier | naive Bayes baseline | ratio |`,
    '| --- | --- | --- | --- |',
    `| 5-fold macro-F1 | ${ours.macroF1.toFixed(3)} | ${nb.macroF1.toFixed(3)} | ${(ours.macroF1 / nb.macroF1).toFixed(2)} |`,
    `| 5-fold accuracy | ${ours.accuracy.toFixed(3)} | ${nb.accuracy.toFixed(3)} | ${(ours.accuracy / nb.accuracy).toFixed(2)} |`,
    `| training on 10,000 messages (corpus repeated) | ${(trainMs / 1000).toFixed(1)} s | ${(nbTrainMs / 1000).toFixed(1)} s | ${(trainMs / nbTrainMs).toFixed(1)} |`,
    `| prediction, one core | ${ourRate.toFixed(0)} msg/s | ${nbRate.toFixed(0)} msg/s | ${(ourRate / nbRate).toFixed(2)} |`,
    `| model size (10,000-message model, JSON) | ${sizeKb.toFixed(0)} KiB | | |`,
    '',
    '| label | precision | recall | F1 | support |',
    '| --- | --- | --- | --- | --- |',
    ...ours.perLabel.map(
      (l) =>
        `| ${l.label} | ${l.precision.toFixed(3)} | ${l.recall.toFixed(3)} | ${l.f1.toFixed(3)} | ${l.support} |`,
    ),
  ];
  process.stdout.write(`${rows.join('\n')}\n`);
}

main();
