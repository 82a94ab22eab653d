import { defaultSegmenter, normalizeText } from '@hub/text';

/** The text of a message as the classifier sees it. */
export interface ClassifierInput {
  title?: string | null;
  content: string;
}

const NOT_TEXT = /[\s\p{P}\p{S}]+/u;

/**
 * Features of one message, with counts: jieba words (`w:` prefix) and character bigrams and
 * trigrams of each run of text (`c:`), so that both known words and unseen compounds count. The
 * title is counted twice: it usually names the matter. Pure apart from jieba's dictionary.
 */
export function extractFeatures(input: ClassifierInput): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (f: string, n: number) => counts.set(f, (counts.get(f) ?? 0) + n);
  const parts: [string, number][] = [[input.content, 1]];
  if (input.title) parts.push([input.title, 2]);
  for (const [raw, weight] of parts) {
    const text = normalizeText(raw).toLowerCase();
    for (const w of defaultSegmenter().tokens(text))
      if (w.length > 1 || /[\u4e00-\u9fff]/.test(w)) add(`w:${w}`, weight);
    for (const run of text.split(NOT_TEXT)) {
      const chars = [...run];
      for (let i = 0; i + 1 < chars.length; i++) {
        add(`c:${chars[i]}${chars[i + 1]}`, weight);
        if (i + 2 < chars.length) add(`c:${chars[i]}${chars[i + 1]}${chars[i + 2]}`, weight);
      }
    }
  }
  return counts;
}
