import { type LabelledExample } from '../text-classifier';

/** A labelled message from the database: a dispatcher's correction (改派) or an imported one. */
export interface StoredExample {
  id: string;
  title: string | null;
  content: string;
  /** A unit code, like the corpus labels. */
  label: string;
  source: string;
}

export interface TrainingSet {
  examples: LabelledExample[];
  /** How many came from each source: `corpus`, `correction`, `import`. */
  counts: Record<string, number>;
  /** Examples left out because their label is not an active unit, per label. */
  excluded: { label: string; count: number }[];
}

/**
 * What a department model is trained on: the shipped corpus plus the stored examples, labelled
 * with unit codes. Examples whose label is not an active unit (a deactivated or unknown code) are
 * left out — a model must not route to a unit that no longer takes cases — and counted. Ids are
 * prefixed by source so the corpus and the database never collide.
 */
export function buildTrainingSet(
  corpus: readonly LabelledExample[],
  stored: readonly StoredExample[],
  activeUnits: ReadonlySet<string>,
): TrainingSet {
  const counts: Record<string, number> = {};
  const excluded = new Map<string, number>();
  const examples: LabelledExample[] = [];
  const add = (e: LabelledExample, source: string) => {
    if (!activeUnits.has(e.label)) {
      excluded.set(e.label, (excluded.get(e.label) ?? 0) + 1);
      return;
    }
    counts[source] = (counts[source] ?? 0) + 1;
    examples.push(e);
  };
  for (const e of corpus) add({ ...e, id: `corpus:${e.id}` }, 'corpus');
  for (const e of stored)
    add({ id: `${e.source}:${e.id}`, title: e.title, content: e.content, label: e.label }, e.source);
  return {
    examples,
    counts,
    excluded: [...excluded]
      .map(([label, count]) => ({ label, count }))
      .sort((a, b) => a.label.localeCompare(b.label)),
  };
}
