/** The parts of a Hugging Face `tokenizer.json` a BERT WordPiece tokenizer needs. */
export interface WordPieceTokenizerJson {
  normalizer?: { type?: string; lowercase?: boolean | null; handle_chinese_chars?: boolean | null } | null;
  model: {
    type: string;
    vocab: Record<string, number>;
    unk_token?: string;
    continuing_subword_prefix?: string;
    max_input_chars_per_word?: number;
  };
}

/** CJK ideographs, which BERT tokenizes one character at a time. */
function isCjk(c: number): boolean {
  return (
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0x3400 && c <= 0x4dbf) ||
    (c >= 0x20000 && c <= 0x2a6df) ||
    (c >= 0x2a700 && c <= 0x2ceaf) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0x2f800 && c <= 0x2fa1f)
  );
}

/** ASCII symbols count as punctuation for BERT, as does every Unicode P* character. */
function isPunctuation(ch: string, c: number): boolean {
  return (
    (c >= 33 && c <= 47) ||
    (c >= 58 && c <= 64) ||
    (c >= 91 && c <= 96) ||
    (c >= 123 && c <= 126) ||
    /\p{P}/u.test(ch)
  );
}

const WHITESPACE = /\s/u;
const CONTROL = /\p{Cc}|\p{Cf}/u;

/**
 * BERT's tokenizer (BertNormalizer + BertPreTokenizer + WordPiece, `[CLS] … [SEP]`), read from the
 * model's `tokenizer.json`: control characters dropped, whitespace normalised, each CJK character
 * its own word, punctuation split off, then greedy longest-match WordPiece with `##` continuations
 * and `[UNK]` for a word it cannot spell. Pure; what Hugging Face's `tokenizers` does for this
 * model family, in a few lines instead of a native dependency.
 */
export class BertTokenizer {
  private readonly vocab: Map<string, number>;
  private readonly lowercase: boolean;
  private readonly prefix: string;
  private readonly maxWordChars: number;
  readonly cls: number;
  readonly sep: number;
  readonly unk: number;

  constructor(json: WordPieceTokenizerJson) {
    if (json.model?.type !== 'WordPiece')
      throw new Error(`tokenizer model ${json.model?.type} is not WordPiece`);
    this.vocab = new Map(Object.entries(json.model.vocab));
    this.lowercase = json.normalizer?.lowercase === true;
    this.prefix = json.model.continuing_subword_prefix ?? '##';
    this.maxWordChars = json.model.max_input_chars_per_word ?? 100;
    const id = (t: string) => {
      const v = this.vocab.get(t);
      if (v === undefined) throw new Error(`tokenizer vocabulary has no ${t}`);
      return v;
    };
    this.cls = id('[CLS]');
    this.sep = id('[SEP]');
    this.unk = id(json.model.unk_token ?? '[UNK]');
  }

  /** The words of a text after normalisation and pre-tokenization. */
  words(text: string): string[] {
    let s = '';
    for (const ch of this.lowercase ? text.toLowerCase() : text) {
      const c = ch.codePointAt(0)!;
      if (c === 0 || c === 0xfffd) continue;
      if (WHITESPACE.test(ch)) s += ' ';
      else if (CONTROL.test(ch)) continue;
      else if (isCjk(c)) s += ` ${ch} `;
      else s += ch;
    }
    const out: string[] = [];
    for (const chunk of s.split(' ')) {
      let word = '';
      for (const ch of chunk) {
        if (isPunctuation(ch, ch.codePointAt(0)!)) {
          if (word) out.push(word);
          out.push(ch);
          word = '';
        } else word += ch;
      }
      if (word) out.push(word);
    }
    return out;
  }

  /** Token ids `[CLS] … [SEP]`, at most `maxTokens` of them (the text is cut, `[SEP]` kept). */
  encode(text: string, maxTokens = 512): number[] {
    const ids = [this.cls];
    const room = Math.max(2, maxTokens) - 1;
    for (const word of this.words(text)) {
      if (ids.length >= room) break;
      ids.push(...this.wordPiece(word));
    }
    ids.length = Math.min(ids.length, room);
    ids.push(this.sep);
    return ids;
  }

  private wordPiece(word: string): number[] {
    const chars = [...word];
    if (chars.length > this.maxWordChars) return [this.unk];
    const out: number[] = [];
    for (let start = 0; start < chars.length;) {
      let end = chars.length;
      let found: number | undefined;
      for (; end > start; end--) {
        const piece = (start > 0 ? this.prefix : '') + chars.slice(start, end).join('');
        found = this.vocab.get(piece);
        if (found !== undefined) break;
      }
      if (found === undefined) return [this.unk];
      out.push(found);
      start = end;
    }
    return out;
  }
}
