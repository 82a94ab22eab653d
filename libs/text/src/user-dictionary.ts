import { normalizeText } from './normalize-text';

/** What the unit directory and the policy registry know that jieba's own dictionary does not. */
export interface DirectoryVocabulary {
  /** Departments (委办局) and street offices (街道办事处), with a street's communities (居委会). */
  readonly units: readonly { readonly name: string; readonly communities?: readonly string[] }[];
  readonly policies: readonly { readonly title: string; readonly topics?: readonly string[] }[];
}

/** A user word: Chinese characters, letters and digits only (jieba never keeps anything else in one token). */
const WORD = /^[\u4e00-\u9fff0-9A-Za-z]+$/;
const HAN = /[\u4e00-\u9fff]/;
const MIN_LENGTH = 2;
const MAX_LENGTH = 24;

/** Bracketed parts of a name, e.g. 区城市运行管理中心（区城运中心）. */
const BRACKETS = /[()（）[\]【】〔〕]/;

/** Suffixes whose removal still names the place: 静安寺街道 → 静安寺, 彭浦镇 → 彭浦, 延中居委会 → 延中. */
const PLACE_SUFFIX = /(街道办事处|街道|镇|居民委员会|居委会|社区)$/;

/** What a policy title is about: 关于印发《…》的通知, or 关于…的意见/通知/办法/规定/细则/方案. */
const BOOK_TITLE = /《([^》]+)》/g;
const ABOUT =
  /关于(.+?)的(?:通知|意见|实施意见|办法|管理办法|规定|若干规定|细则|实施细则|方案|工作方案|决定|批复|公告)$/;

/** Administrative levels an issuer name starts with (上海市, 静安区 …). */
const LEVEL = /[省市区县]/;

function variants(raw: string): string[] {
  const name = normalizeText(raw);
  const parts = name
    .split(BRACKETS)
    .map((p) => p.trim())
    .filter(Boolean);
  return parts.flatMap((p) => {
    const out = [p];
    // 区教育局 → 教育局: a district unit is also called without the 区.
    if (p.startsWith('区') && p.length >= 4) out.push(p.slice(1));
    const short = p.replace(PLACE_SUFFIX, '');
    if (short !== p && short.length >= MIN_LENGTH) out.push(short);
    return out;
  });
}

/** The issuer's administrative prefix a book title repeats (上海市静安区…), up to its last level word. */
function withoutIssuerPrefix(title: string, issuer: string): string {
  let common = 0;
  while (common < title.length && title[common] === issuer[common]) common++;
  for (let i = common - 1; i >= 0; i--) if (LEVEL.test(title[i])) return title.slice(i + 1);
  return title;
}

function policyWords(title: string, topics: readonly string[]): string[] {
  const t = normalizeText(title);
  const out = topics.map(normalizeText);
  const books = [...t.matchAll(BOOK_TITLE)];
  for (const m of books) {
    const issuer = t.slice(0, m.index).replace(/关于.*$/, '');
    out.push(withoutIssuerPrefix(m[1], issuer));
  }
  if (books.length === 0) {
    const about = ABOUT.exec(t);
    if (about) out.push(about[1].replace(/^(进一步|切实|全面)/, ''));
  }
  return out;
}

/**
 * The user-dictionary words (用户词典) of the directory and the policy registry: unit names (also
 * without the leading 区 and without 街道/镇), community names (also without 居委会), and policy
 * keywords — the topics and what the title is about (the 《…》 name without the issuer's
 * 上海市静安区 prefix, or the subject of 关于…的通知). Only words of 2–24 characters, made of
 * Chinese characters, letters and digits, with at least one Chinese character; deduplicated and
 * sorted, so the same directory gives the same list.
 */
export function directoryWords(vocabulary: DirectoryVocabulary): string[] {
  const words = [
    ...vocabulary.units.flatMap((u) => [...variants(u.name), ...(u.communities ?? []).flatMap(variants)]),
    ...vocabulary.policies.flatMap((p) => policyWords(p.title, p.topics ?? [])),
  ];
  return [
    ...new Set(
      words.filter((w) => w.length >= MIN_LENGTH && w.length <= MAX_LENGTH && WORD.test(w) && HAN.test(w)),
    ),
  ].sort();
}
