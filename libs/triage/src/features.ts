import { defaultSegmenter, normalizeText } from '@hub/text';

/** The text of a message as the classifier sees it. */
export interface ClassifierInput {
  title?: string | null;
  content: string;
}

/** Which feature families {@link extractFeatures} produces (the bench switches them for ablations). */
export interface FeatureFamilies {
  /** jieba words, `w:` (default true). */
  words?: boolean;
  /** Adjacent pairs of jieba words, `b:` (default false). */
  wordBigrams?: boolean;
  /** Lengths [min, max] of character n-grams, `c:` (default [1, 3]); `null` for none. */
  chars?: readonly [number, number] | null;
}

/** Words plus character 1–3-grams. */
export const DEFAULT_FEATURE_FAMILIES: Readonly<Required<FeatureFamilies>> = {
  words: true,
  wordBigrams: false,
  chars: [1, 3],
};

const NOT_TEXT = /[\s\p{P}\p{S}]+/u;
const HAN = /\p{Script=Han}/u;

/**
 * Features of one message, with counts: jieba words (`w:` prefix) and character n-grams of each
 * run of text (`c:`, by default lengths 1–3), so that both known words and unseen compounds count.
 * Single characters count only when they are Chinese (a character is a morpheme: 房, 噪, 学); a lone
 * Latin letter or digit says nothing about the matter. The title is counted twice: it usually
 * names the matter. Pure apart from jieba's dictionary.
 */
export function extractFeatures(
  input: ClassifierInput,
  families: FeatureFamilies = DEFAULT_FEATURE_FAMILIES,
): Map<string, number> {
  const words = families.words ?? DEFAULT_FEATURE_FAMILIES.words;
  const wordBigrams = families.wordBigrams ?? DEFAULT_FEATURE_FAMILIES.wordBigrams;
  const chars = families.chars === undefined ? DEFAULT_FEATURE_FAMILIES.chars : families.chars;
  const [minN, maxN] = chars ?? [1, 0];
  const counts = new Map<string, number>();
  const add = (f: string, n: number) => counts.set(f, (counts.get(f) ?? 0) + n);
  const parts: [string, number][] = [[input.content, 1]];
  if (input.title) parts.push([input.title, 2]);
  for (const [raw, weight] of parts) {
    const text = normalizeText(raw).toLowerCase();
    if (words || wordBigrams) {
      const tokens = defaultSegmenter()
        .tokens(text)
        .filter((w) => w.length > 1 || /[\u4e00-\u9fff]/.test(w));
      if (words) for (const w of tokens) add(`w:${w}`, weight);
      if (wordBigrams)
        for (let i = 0; i + 1 < tokens.length; i++) add(`b:${tokens[i]} ${tokens[i + 1]}`, weight);
    }
    if (maxN < 1) continue;
    for (const run of text.split(NOT_TEXT)) {
      const chars = [...run];
      for (let i = 0; i < chars.length; i++) {
        let gram = '';
        for (let n = 1; n <= maxN && i + n <= chars.length; n++) {
          gram += chars[i + n - 1];
          if (n < minN || (n === 1 && !HAN.test(gram))) continue;
          add(`c:${gram}`, weight);
        }
      }
    }
  }
  return counts;
}
