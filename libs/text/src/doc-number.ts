import { foldWidth } from './normalize-text';

/**
 * Government document numbers (发文字号, 文号) such as 静府办发〔2026〕4号: issuer code (发文机关代字),
 * year in hexagonal brackets (六角括号), sequence number (发文顺序号) and 号. Citizens and staff type
 * them with whatever brackets their keyboard offers; the canonical form follows GB/T 9704-2012 —
 * 〔〕 around the year, no 第, no leading zeros, no spaces — so one document has one key.
 */

/** CJK unified ideographs accepted in an issuer code. */
const HAN = '\\u4e00-\\u9fa5';

/** Spaces allowed anywhere between the parts (after width folding the ideographic space is ASCII). */
const SP = '[ \\t\\u00A0]*';

/** Year brackets as typed: 〔〕 [] ［］ () （） 【】 (full-width ones are folded to ASCII first). */
const OPEN = '[〔\\[(【]';
const CLOSE = '[〕\\])】]';

/** Year, sequence number and 号, after the issuer: 〔2026〕4号, [ 2026 ] 第 4 号, （2026年）04号. */
const TAIL = `${SP}${OPEN}${SP}((?:19|20)\\d{2})${SP}年?${SP}${CLOSE}${SP}第?${SP}(\\d{1,6})${SP}号`;

/** In running text the issuer is the whole run of Chinese characters before the bracket, trimmed later. */
const DOC_NUMBER_IN_TEXT = new RegExp(`([${HAN}](?:${SP}[${HAN}])*)${TAIL}`, 'g');

/** A string that is exactly one document number. */
const DOC_NUMBER_EXACT = new RegExp(`^([${HAN}](?:${SP}[${HAN}]){1,11})${TAIL}$`);

const MIN_ISSUER = 2;
const MAX_ISSUER = 12;

/**
 * Words that introduce a document number in a sentence (根据…、关于…、反映…、…和…) and never belong to
 * an issuer code. The issuer starts after the last of them in the run of Chinese characters.
 * Deliberately no single characters that occur in issuer codes (经 in 沪经信, 据 in 沪数据, 自 in
 * 自然资).
 */
const LEAD_IN_WORDS = [
  '根据 依据 按照 参照 依照 遵照 对照 贯彻 落实 执行 印发 转发 下发 出台 发布 颁布 关于',
  '详见 参见 参考 反映 咨询 投诉 询问 查询 要求 希望 建议 认为 提到 提及 说明 文件 通知',
  '规定 精神 以及 还有 其中 来电 来信 网民 我们 请问 了解 看到 读到 学习 办理',
  '和 与 及 或 的 了 是 在 将 由 把 被 从 向 按 见 即 称 说 问',
].flatMap((line) => line.split(' '));
const LEAD_IN = new RegExp(`^.*(?:${LEAD_IN_WORDS.join('|')})`);

function canonical(issuer: string, year: string, sequence: string): string {
  return `${issuer}〔${year}〕${Number(sequence)}号`;
}

/**
 * Extracts the document numbers (文号) mentioned in a text, in canonical form (静府办发〔2026〕4号),
 * deduplicated, in order of first mention. Any of the usual bracket spellings, full-width digits,
 * 第, leading zeros and spaces are accepted. The issuer is taken as the Chinese characters right
 * before the bracket (at most 12), starting after the last space or lead-in word such as 根据, 请问
 * or 和; text glued to an issuer without such a word, a space or punctuation is taken as part of
 * it (intake then matches the policy registry by suffix).
 */
export function extractDocNumbers(text: string): string[] {
  const seen = new Set<string>();
  for (const m of foldWidth(text).matchAll(DOC_NUMBER_IN_TEXT)) {
    const [, run = '', year = '', sequence = ''] = m;
    // A space ends a run of words: the issuer is what stands after the last one (a space between the
    // issuer and its bracket, as in 静府办发 〔2026〕, is allowed).
    const words = run.trimEnd().split(/\s+/);
    const issuer = (words[words.length - 1] ?? '').replace(LEAD_IN, '').slice(-MAX_ISSUER);
    if (issuer.length >= MIN_ISSUER) seen.add(canonical(issuer, year, sequence));
  }
  return [...seen];
}

/**
 * The canonical form of a string that is exactly one document number (surrounding spaces allowed):
 * `静府办发［2026］第04号` → `静府办发〔2026〕4号`. Returns null for anything else, including a
 * sentence that merely contains a document number (use {@link extractDocNumbers} for that).
 */
export function canonicalDocNumber(s: string): string | null {
  const m = DOC_NUMBER_EXACT.exec(foldWidth(s).trim());
  if (!m) return null;
  const [, issuer = '', year = '', sequence = ''] = m;
  return canonical(issuer.replace(/\s/g, ''), year, sequence);
}
