import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { type LabelledExample, parseCorpus } from '@hub/triage';

const SHIPPED = join('libs', 'triage', 'data', 'corpus.jsonl');

/** The shipped corpus file: found upwards from this file (sources, dist/ and the image all have it). */
export function shippedCorpusPath(from = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, SHIPPED))) return join(dir, SHIPPED);
    if (dirname(dir) === dir) throw new Error(`${SHIPPED} not found above ${from}; set TRIAGE_CORPUS_FILE`);
  }
}

/** Reads the training corpus once and keeps it (it ships with the code and does not change). */
export function corpusLoader(file: string): () => readonly LabelledExample[] {
  let corpus: LabelledExample[] | undefined;
  return () => {
    if (!corpus) {
      const path = file ? resolve(file) : shippedCorpusPath();
      corpus = parseCorpus(readFileSync(path, 'utf8'), path);
    }
    return corpus;
  };
}
