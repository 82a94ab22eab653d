import { defaultSegmenter, findPersonalData, normalizeText } from '@hub/text';
import { arabicNumerals, DEFAULT_PLACE_TERMS, DEFAULT_SYNONYMS, STOCK_PHRASES, STOCK_WORDS } from './lexicon';

/** A message as the clustering sees it. */
/** A document number (文号) such as 静府办发〔2026〕4号, with the words that cite it (依据, 文件). */
const DOC_NUMBER =
  /(?:依据|根据|文件)?[\u4e00-\u9fa5]{2,4}\s*[〔[(【（]\s*(?:19|20)\d{2}\s*年?\s*[〕\])】）]\s*第?\s*\d{1,6}\s*号(?:文件|文)?/g;

export interface ClusterInput {
  id: string;
  title?: string | null;
  content: string;
  postedAt?: string | null;
  /**
   * The message's sentence vector (unit length, e.g. @hub/embedding's encoder over
   * {@link MessageFeatures.embeddingText}); without it the message is compared by words only.
   */
  embedding?: Float32Array | null;
}

/** What {@link MessageFeatures} reads besides the built-in lists. */
export interface FeatureOptions {
  /** Place names (streets, communities, roads) added to {@link DEFAULT_PLACE_TERMS}. */
  placeTerms?: readonly string[];
  /** More synonyms, official term → colloquial forms, added to (or replacing) {@link DEFAULT_SYNONYMS}. */
  synonyms?: Readonly<Record<string, readonly string[]>>;
  /** Whether {@link DEFAULT_SYNONYMS} apply (default true; the bench turns them off for its ablation). */
  defaultSynonyms?: boolean;
}

/**
 * Feature kinds, the first character of a feature: `w` a jieba word, `c` a character bigram of a
 * run of Chinese text, `p` a place term (counted once per mention; its words and characters are
 * not counted again).
 */
export type FeatureKind = 'w' | 'c' | 'p';

const HAN = /[\u4e00-\u9fff]/;
const HAN_RUN = /[\u4e00-\u9fff]+/g;
const BREAK = '|';

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function clean(s: string): string {
  return normalizeText(s).toLowerCase();
}

/** A longest-first alternation of the phrases, or null when there are none. */
function alternation(phrases: Iterable<string>): RegExp | null {
  const list = [...new Set([...phrases].map(clean).filter((p) => p !== '' && !p.includes(BREAK)))];
  if (list.length === 0) return null;
  list.sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  return new RegExp(list.map(escape).join('|'), 'g');
}

const STOCK = alternation(STOCK_PHRASES)!;
const STOCK_ANY_CASE = new RegExp(STOCK.source, 'gi');

/**
 * Turns a message into term counts for similarity and into words for key terms, the same way for
 * every message of an index:
 *
 * 1. title and content, normalised (@hub/text `normalizeText`) and lower-cased; personal data
 *    (phone, ID, e-mail and bank-card numbers, @hub/text `findPersonalData`) cut out;
 * 2. stock phrases ({@link STOCK_PHRASES}) cut out;
 * 3. place terms taken out and counted as `p:` features;
 * 4. Chinese numerals before a unit written as digits, colloquial forms rewritten to the official
 *    term ({@link DEFAULT_SYNONYMS});
 * 5. jieba words (`w:`, @hub/text's shared segmenter in search mode, without {@link STOCK_WORDS})
 *    and character bigrams of each Chinese run (`c:`), so unseen compounds and names still match.
 */
export class MessageFeatures {
  private places: RegExp | null;
  private readonly placeList: Set<string>;
  private readonly synonymPattern: RegExp | null;
  private readonly canonical = new Map<string, string>();

  constructor(options: FeatureOptions = {}) {
    this.placeList = new Set([...DEFAULT_PLACE_TERMS, ...(options.placeTerms ?? [])].map(clean));
    this.places = alternation(this.placeList);
    const tables = [options.defaultSynonyms === false ? {} : DEFAULT_SYNONYMS, options.synonyms ?? {}];
    for (const table of tables) {
      for (const [term, forms] of Object.entries(table)) {
        const t = clean(term);
        this.canonical.set(t, t);
        for (const f of forms) this.canonical.set(clean(f), t);
      }
    }
    this.synonymPattern = alternation(this.canonical.keys());
  }

  /** Adds place terms (the directory changed); answers how many were new. */
  addPlaceTerms(terms: readonly string[]): number {
    const before = this.placeList.size;
    for (const t of terms) {
      const c = clean(t);
      if (c !== '' && !c.includes(BREAK)) this.placeList.add(c);
    }
    if (this.placeList.size !== before) this.places = alternation(this.placeList);
    return this.placeList.size - before;
  }

  /** Whether `term` is a known place term. */
  isPlace(term: string): boolean {
    return this.placeList.has(clean(term));
  }

  /** Term counts (`w:`, `c:`, `p:` features) of one message. */
  termCounts(doc: Pick<ClusterInput, 'title' | 'content'>): Map<string, number> {
    const counts = new Map<string, number>();
    const add = (f: string) => counts.set(f, (counts.get(f) ?? 0) + 1);
    for (const part of this.parts(doc, (place) => add(`p:${place}`))) {
      for (const w of this.words(part)) add(`w:${w}`);
      for (const run of part.match(HAN_RUN) ?? []) {
        for (let i = 0; i + 1 < run.length; i++) {
          const gram = run.slice(i, i + 2);
          if (!STOCK_WORDS.has(gram)) add(`c:${gram}`);
        }
      }
    }
    return counts;
  }

  /**
   * The text a sentence encoder should see: title and content with personal data, cited 文号 and
   * stock phrases (套话: 您好, 市民来电反映, 要求相关部门尽快处理…) cut out, so the ticket template,
   * politeness or the policy a message cites do not make two messages alike (many different
   * questions cite one policy). Place names stay: the model weighs them in context.
   */
  embeddingText(doc: Pick<ClusterInput, 'title' | 'content'>): string {
    let text = normalizeText([doc.title ?? '', doc.content].filter((t) => t.trim() !== '').join('。'));
    const personal = findPersonalData(text);
    for (let i = personal.length - 1; i >= 0; i--)
      text = text.slice(0, personal[i].start) + text.slice(personal[i].end);
    return text
      .replace(DOC_NUMBER, '')
      .replace(STOCK_ANY_CASE, '')
      .replace(/([，,。；;：:])[\s，,。；;：:]+/g, '$1')
      .replace(/^[\s：:，,。]+/, '')
      .trim();
  }

  /** The content words of a message in reading order (no stock words, no place terms), for key terms. */
  contentWords(doc: Pick<ClusterInput, 'title' | 'content'>): string[] {
    return this.parts(doc, () => undefined).flatMap((p) => this.words(p));
  }

  /** The text between stock phrases and place terms, rewritten (numerals, synonyms). */
  private parts(doc: Pick<ClusterInput, 'title' | 'content'>, onPlace: (place: string) => void): string[] {
    let text = clean([doc.title ?? '', doc.content].join('\n'));
    const personal = findPersonalData(text);
    for (let i = personal.length - 1; i >= 0; i--) {
      text = `${text.slice(0, personal[i].start)}${BREAK}${text.slice(personal[i].end)}`;
    }
    // A cited 文号 says which policy, not which question: many different questions cite the same one.
    text = text.replace(DOC_NUMBER, BREAK);
    text = text.replace(STOCK, BREAK);
    if (this.places) {
      text = text.replace(this.places, (m) => {
        onPlace(m);
        return BREAK;
      });
    }
    text = arabicNumerals(text);
    if (this.synonymPattern) text = text.replace(this.synonymPattern, (m) => this.canonical.get(m) ?? m);
    return text.split(/[|\n]/).filter((p) => p.trim() !== '');
  }

  private words(part: string): string[] {
    return defaultSegmenter()
      .tokens(part)
      .filter((w) => !STOCK_WORDS.has(w) && (w.length > 1 || HAN.test(w)));
  }
}
