import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';

import { normalizeText } from './normalize-text';

/**
 * Stop words (停用词) dropped from tokens: Chinese particles, pronouns and courtesy phrases that
 * open most citizen messages (您好、请问、谢谢), plus common English function words. Kept short on
 * purpose — negations (不、没有) and question words (什么、为什么) carry meaning and stay.
 */
export const DEFAULT_STOP_WORDS: ReadonlySet<string> = new Set(
  [
    // Chinese
    '的 了 着 过 和 与 及 或 是 在 也 都 就 又 还',
    '我 我们 你 你们 您 他 她 它 他们 她们 它们',
    '您好 你好 请问 谢谢 感谢 一下 有关 关于',
    '这 那 这个 那个 这些 那些 这里 那里',
    '吗 呢 吧 啊 呀 哦 嗯 哈 么 等 等等',
    // English
    'the a an of and or to in on at by for with from',
    'is are was were be been it its this that these those',
    'i you he she we they my your please hello hi thanks',
  ].flatMap((line) => line.split(' ')),
);

/**
 * Dictionary frequency given to user words (用户词典) when the caller names none: high enough
 * that jieba keeps a place or facility name such as 彭浦新村 or 大宁路街道 in one piece.
 */
export const DEFAULT_USER_WORD_FREQ = 2000;

/** Tokens made only of punctuation, symbols or whitespace (标点符号) carry nothing to index. */
const PUNCTUATION_ONLY = /^[\p{P}\p{S}\p{Z}\s]+$/u;

/** Options for a {@link ChineseSegmenter}. */
export interface ChineseSegmenterOptions {
  /** Replaces {@link DEFAULT_STOP_WORDS}; compared after lower-casing, so give them in lower case. */
  readonly stopWords?: Iterable<string>;
  /** User-dictionary words (用户词典) loaded at construction, see {@link ChineseSegmenter.addWords}. */
  readonly userWords?: readonly string[];
}

/**
 * Chinese word segmentation (中文分词) with jieba in search mode. The output feeds an OpenSearch
 * field analysed with the `whitespace` analyzer, so a query term such as 油烟 finds a message that
 * says 小区底层餐馆油烟扰民; queries must be segmented with the same segmenter.
 *
 * Building one loads jieba's default dictionary (about 150 ms); use {@link defaultSegmenter} unless
 * you need a private user dictionary or stop-word list.
 */
export class ChineseSegmenter {
  private readonly jieba: Jieba;
  private readonly stopWords: ReadonlySet<string>;
  /** Every user word loaded so far (normalised). */
  private readonly loaded = new Set<string>();

  constructor(options: ChineseSegmenterOptions = {}) {
    this.jieba = Jieba.withDict(dict);
    this.stopWords = options.stopWords ? new Set(options.stopWords) : DEFAULT_STOP_WORDS;
    if (options.userWords && options.userWords.length > 0) {
      this.addWords(options.userWords);
    }
  }

  /**
   * Adds words to the user dictionary (用户词典), e.g. street, community and facility names
   * (街道、居委、小区名) that jieba would otherwise split. jieba 2.0.3 offers only
   * `loadDict(buffer)`, so the words are written as dictionary lines `word freq`. Words are
   * normalised first; empty ones are skipped.
   *
   * @throws RangeError if a word contains whitespace (it could never come out as one token) or
   *   `freq` is not a positive integer.
   */
  addWords(words: readonly string[], freq: number = DEFAULT_USER_WORD_FREQ): void {
    if (!Number.isInteger(freq) || freq <= 0) {
      throw new RangeError(`User-word frequency must be a positive integer, got ${freq}`);
    }
    const lines: string[] = [];
    for (const raw of words) {
      const word = normalizeText(raw);
      if (word === '') continue;
      if (/\s/.test(word)) {
        throw new RangeError(`User word must not contain whitespace: "${word}"`);
      }
      lines.push(`${word} ${freq}\n`);
    }
    if (lines.length > 0) {
      this.jieba.loadDict(Buffer.from(lines.join(''), 'utf8'));
      for (const line of lines) this.loaded.add(line.slice(0, line.lastIndexOf(' ')));
    }
  }

  /**
   * Adds the words that are not in the user dictionary yet and answers how many there were: cheap
   * to call with the whole list each time it is re-read (e.g. the unit directory every minute).
   * jieba cannot forget a word, so a word dropped from the list stays until the process restarts.
   */
  addNewWords(words: readonly string[], freq: number = DEFAULT_USER_WORD_FREQ): number {
    const fresh = [...new Set(words.map(normalizeText))].filter((w) => w !== '' && !this.loaded.has(w));
    this.addWords(fresh, freq);
    return fresh.length;
  }

  /** The user-dictionary words loaded so far, normalised. */
  get userWords(): ReadonlySet<string> {
    return this.loaded;
  }

  /**
   * Search-mode tokens (搜索引擎模式分词, HMM on) of the normalised text, lower-cased, without
   * punctuation, whitespace and stop words. Search mode also emits the shorter words inside a long
   * one (静安区 → 静安, 静安区), so both forms are findable. Repeated words are kept: the count
   * is term frequency for the search engine.
   */
  tokens(text: string): string[] {
    const normalized = normalizeText(text);
    if (normalized === '') return [];
    const out: string[] = [];
    for (const token of this.jieba.cutForSearch(normalized, true)) {
      const lower = token.trim().toLowerCase();
      if (lower === '' || PUNCTUATION_ONLY.test(lower) || this.stopWords.has(lower)) continue;
      out.push(lower);
    }
    return out;
  }

  /** The {@link tokens} joined by single spaces, for a field analysed with the `whitespace` analyzer. */
  segmentForIndex(text: string): string {
    return this.tokens(text).join(' ');
  }
}

let shared: ChineseSegmenter | undefined;

/**
 * The process-wide segmenter, built on first use. Words added to it with `addWords` are seen by
 * every caller in the process.
 */
export function defaultSegmenter(): ChineseSegmenter {
  shared ??= new ChineseSegmenter();
  return shared;
}
