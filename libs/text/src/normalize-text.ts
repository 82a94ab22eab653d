/**
 * Text normalisation (文本规范化) shared by search indexing, classification and personal-data
 * detection. Citizen messages (市民来信、12345 热线工单) arrive from web forms, mini-programs and
 * phone transcriptions with full-width letters and digits (全角字符), zero-width characters pasted
 * from chat apps and stray control characters; everything downstream expects the cleaned form.
 */

/** Zero-width and invisible formatting characters (零宽字符): ZWSP, ZWNJ, ZWJ, word joiner, BOM, soft hyphen, Mongolian vowel separator. */
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF\u00AD\u180E]/g;

/** C0/C1 control characters except tab, newline and carriage return (those are handled as whitespace). */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

/** Horizontal whitespace, as a character-class body: ASCII space and tab, NBSP, the other Unicode space separators, ideographic space (全角空格). */
const HORIZONTAL_SPACE = ' \\t\\u00A0\\u1680\\u2000-\\u200A\\u202F\\u205F\\u3000';
const SPACE_RUN = new RegExp(`[${HORIZONTAL_SPACE}]+`, 'g');
const SPACES_AROUND_NEWLINES = new RegExp(`[${HORIZONTAL_SPACE}]*\\n[\\n${HORIZONTAL_SPACE}]*`, 'g');

/** Full-width ASCII letters and digits (全角字母数字) U+FF10–U+FF19, U+FF21–U+FF3A, U+FF41–U+FF5A. */
const FULL_WIDTH_ALNUM = /[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g;

/** Every full-width ASCII form U+FF01–U+FF5E (letters, digits and punctuation such as ＠ ＋ －). */
const FULL_WIDTH_ASCII = /[\uFF01-\uFF5E]/g;

/** Offset between a full-width ASCII form and its ASCII counterpart. */
const FULL_WIDTH_OFFSET = 0xfee0;

const IDEOGRAPHIC_SPACE = /\u3000/g;

function toHalfWidth(ch: string): string {
  return String.fromCharCode(ch.charCodeAt(0) - FULL_WIDTH_OFFSET);
}

/**
 * Normalises free text (文本规范化) for storage, indexing and matching:
 *
 * - full-width ASCII letters and digits become half-width (`ＡＢＣ１２３` → `ABC123`), the
 *   ideographic space (全角空格) becomes an ASCII space; Chinese punctuation such as 〔〕，。！？：
 *   is kept as it is (unlike real NFKC, which would turn `，` into `,`);
 * - zero-width characters and control characters are removed, except line breaks (`\r\n` and
 *   `\r` become `\n`);
 * - every run of whitespace collapses to one space, or to one `\n` when the run contains a line
 *   break, so paragraphs survive as single line breaks;
 * - the result is trimmed.
 */
export function normalizeText(s: string): string {
  return s
    .replace(/\r\n?/g, '\n')
    .replace(ZERO_WIDTH, '')
    .replace(CONTROL, '')
    .replace(FULL_WIDTH_ALNUM, toHalfWidth)
    .replace(IDEOGRAPHIC_SPACE, ' ')
    .replace(SPACES_AROUND_NEWLINES, '\n')
    .replace(SPACE_RUN, ' ')
    .trim();
}

/**
 * The normalised text in lower case, for case-insensitive comparison and keyword matching
 * (`Ｗｉ-Ｆｉ  信号差` → `wi-fi 信号差`).
 */
export function toSearchableLower(s: string): string {
  return normalizeText(s).toLowerCase();
}

/**
 * Folds every full-width ASCII form (U+FF01–U+FF5E: letters, digits and punctuation such as ＠ ＋
 * －（）［］) and the ideographic space to ASCII, character for character. Unlike
 * {@link normalizeText} the result has exactly the same UTF-16 length as the input, so indices
 * found in the folded copy are valid in the original — personal-data detection relies on this.
 */
export function foldWidth(s: string): string {
  return s.replace(FULL_WIDTH_ASCII, toHalfWidth).replace(IDEOGRAPHIC_SPACE, ' ');
}
