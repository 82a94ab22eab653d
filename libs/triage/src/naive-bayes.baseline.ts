import { defaultSegmenter, normalizeText } from '@hub/text';
import { type LabelledExample } from './text-classifier';

/**
 * The baseline the benchmark compares against: multinomial naive Bayes on plain jieba words
 * (bag of words, Laplace smoothing) — what a first attempt usually is.
 */
export class NaiveBayesBaseline {
  private constructor(
    private readonly labels: string[],
    private readonly logPrior: Map<string, number>,
    private readonly logLikelihood: Map<string, Map<string, number>>,
    private readonly unseen: Map<string, number>,
  ) {}

  static words(e: { title?: string | null; content: string }): string[] {
    return defaultSegmenter().tokens(normalizeText(`${e.title ?? ''} ${e.content}`));
  }

  static train(examples: readonly LabelledExample[]): NaiveBayesBaseline {
    const labels = [...new Set(examples.map((e) => e.label))].sort();
    const vocab = new Set<string>();
    const counts = new Map(labels.map((l) => [l, new Map<string, number>()]));
    const totals = new Map(labels.map((l) => [l, 0]));
    for (const e of examples) {
      for (const w of NaiveBayesBaseline.words(e)) {
        vocab.add(w);
        const c = counts.get(e.label)!;
        c.set(w, (c.get(w) ?? 0) + 1);
        totals.set(e.label, totals.get(e.label)! + 1);
      }
    }
    const logPrior = new Map(
      labels.map((l) => [l, Math.log(examples.filter((e) => e.label === l).length / examples.length)]),
    );
    const logLikelihood = new Map<string, Map<string, number>>();
    const unseen = new Map<string, number>();
    for (const l of labels) {
      const denom = totals.get(l)! + vocab.size;
      logLikelihood.set(l, new Map([...counts.get(l)!].map(([w, n]) => [w, Math.log((n + 1) / denom)])));
      unseen.set(l, Math.log(1 / denom));
    }
    return new NaiveBayesBaseline(labels, logPrior, logLikelihood, unseen);
  }

  predict(e: { title?: string | null; content: string }): { label: string } {
    const words = NaiveBayesBaseline.words(e);
    let best = this.labels[0];
    let bestScore = -Infinity;
    for (const l of this.labels) {
      const ll = this.logLikelihood.get(l)!;
      const s = words.reduce((acc, w) => acc + (ll.get(w) ?? this.unseen.get(l)!), this.logPrior.get(l)!);
      if (s > bestScore) [best, bestScore] = [l, s];
    }
    return { label: best };
  }
}
