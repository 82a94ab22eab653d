import { type LabelledExample } from '../text-classifier';

/**
 * Parses a training corpus in JSONL ({id, title?, content, label} per line, blank lines skipped),
 * e.g. libs/triage/data/corpus.jsonl. The shipped corpus is trusted: the first bad line throws,
 * naming `name` and the line number.
 */
export function parseCorpus(text: string, name: string): LabelledExample[] {
  const out: LabelledExample[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let r: { id?: unknown; title?: unknown; content?: unknown; label?: unknown };
    try {
      r = JSON.parse(line) as typeof r;
    } catch (e) {
      throw new Error(`${name}:${i + 1}: not JSON (${(e as Error).message})`);
    }
    if (typeof r.content !== 'string' || typeof r.label !== 'string' || r.label === '')
      throw new Error(`${name}:${i + 1}: content and label are required`);
    out.push({
      id: typeof r.id === 'string' || typeof r.id === 'number' ? String(r.id) : `line-${i + 1}`,
      title: typeof r.title === 'string' ? r.title : null,
      content: r.content,
      label: r.label,
    });
  });
  return out;
}
