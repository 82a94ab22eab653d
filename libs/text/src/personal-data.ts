import { foldWidth } from './normalize-text';

/**
 * Personal data (个人信息) in free text: citizens write their mobile number, ID-card number
 * (身份证号), e-mail address or bank-card number (银行卡号) into messages that are later shown to
 * handling units, published as replies (回复公开) or indexed for search. Detection is tuned to
 * over-mask rather than leak: a false positive hides a harmless number, a false negative exposes a
 * citizen.
 */

/** What a {@link PersonalDataMatch} is. Landlines (座机) are reported as `phone` too. */
export type PersonalDataKind = 'phone' | 'id-card' | 'email' | 'bank-card';

/** One piece of personal data found in a text. */
export interface PersonalDataMatch {
  readonly kind: PersonalDataKind;
  /** The matched text exactly as written (full-width digits stay full-width). */
  readonly value: string;
  /** UTF-16 index of the first character in the original text. */
  readonly start: number;
  /** UTF-16 index just past the last character (`text.slice(start, end) === value`). */
  readonly end: number;
}

/** The masked text and what was masked in it. */
export interface MaskResult {
  readonly text: string;
  readonly found: PersonalDataMatch[];
}

/*
 * Patterns run on a width-folded copy of the text (same length, see foldWidth), so full-width
 * digits such as １３８１２３４５６７８ are found and indices stay valid in the original. Digit runs are
 * bounded by lookarounds: a number inside a longer digit run is never matched.
 */

/** Mainland mobile (手机号): 1[3-9] and nine digits, optional +86 / 0086 / 86, optional spaces or dashes as 3-4-4. */
const MOBILE = /(?<![\d+])(?:(?:\+|00)?86[ -]?)?1[3-9]\d[ -]?\d{4}[ -]?\d{4}(?!\d)/g;

/**
 * Landline with area code (区号 + 座机): 010 and 02x take 8 digits (021-12345678, 02112345678,
 * (021)12345678); four-digit area codes 03xx–09xx take 7 or 8.
 */
const LANDLINE =
  /(?<![\d+])(?:(?:\(0(?:10|2\d)\) ?|0(?:10|2\d)[ -]?)\d{8}|(?:\(0[3-9]\d{2}\) ?|0[3-9]\d{2}[ -]?)\d{7,8})(?!\d)/g;

/**
 * Bare 8-digit local landline (本地座机, e.g. 62345678 or 6234-5678), only right after a contact
 * word such as 电话 / 联系方式 / tel — without that context an 8-digit number is more often a date,
 * an amount or a case number.
 */
const CONTEXT_LOCAL_LANDLINE =
  /(?<=(?:电话|联系|座机|固话|致电|拨打|tel|phone)(?:电话|号码|方式|人)?[\s:.是为]{0,3})[2-9]\d{3}-?\d{4}(?!\d)/gi;

/** 18-digit resident ID (居民身份证号码), optionally grouped 6-8-4 by spaces; validated afterwards. */
const ID_CARD_18 = /(?<!\d)\d{6} ?\d{8} ?\d{3}[\dXx](?!\d)/g;

/** 15-digit first-generation ID (一代身份证); validated afterwards. */
const ID_CARD_15 = /(?<!\d)\d{15}(?!\d)/g;

/** E-mail address (电子邮箱). */
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

/** Bank card (银行卡号): 16–19 digits, plain or in groups of four; Luhn-validated afterwards. */
const BANK_CARD = /(?<!\d)(?:[1-9]\d{15,18}|[1-9]\d{3}(?:[ -]\d{4}){3}(?:[ -]?\d{1,3})?)(?!\d)/g;

/**
 * Province-level codes (省级行政区划代码) that open an ID number, plus 91–98: the 2023 foreigners'
 * permanent-residence ID (外国人永久居留身份证) starts with 9 and the first digit of a province code.
 */
const ID_PROVINCES = new Set([
  ...['11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37'],
  ...['41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65'],
  ...['71', '81', '82', '83', '91', '92', '93', '94', '95', '96', '97', '98'],
]);

/** GB 11643-1999 weights of the first 17 digits, and the check character for each remainder mod 11. */
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK_CHARS = '10X98765432';

/** When two candidates cover the same span, the more specific kind wins. */
const KIND_PRIORITY: Record<PersonalDataKind, number> = { 'id-card': 0, phone: 1, 'bank-card': 2, email: 3 };

function digitsOf(s: string): string {
  return foldWidth(s).replace(/\D/g, '');
}

function isRealDate(year: number, month: number, day: number): boolean {
  if (year < 1900 || year > 2099 || month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * Whether `s` is a valid resident ID number (身份证号): 18 characters with a known province code,
 * a real birth date (出生日期, 1900–2099; no clock is consulted, a future date only makes the
 * detector over-mask) and the GB 11643 check character (校验码, `X` in either case); or the
 * 15-digit first-generation form with a known province code and a real 19YY birth date. Spaces
 * and full-width digits are ignored.
 */
export function isValidIdCardNumber(s: string): boolean {
  const id = foldWidth(s).replace(/\s/g, '').toUpperCase();
  if (/^\d{17}[\dX]$/.test(id)) {
    if (!ID_PROVINCES.has(id.slice(0, 2))) return false;
    if (!isRealDate(Number(id.slice(6, 10)), Number(id.slice(10, 12)), Number(id.slice(12, 14))))
      return false;
    let sum = 0;
    for (let i = 0; i < 17; i++) sum += Number(id[i]) * ID_WEIGHTS[i];
    return ID_CHECK_CHARS[sum % 11] === id[17];
  }
  if (/^\d{15}$/.test(id)) {
    return (
      ID_PROVINCES.has(id.slice(0, 2)) &&
      isRealDate(1900 + Number(id.slice(6, 8)), Number(id.slice(8, 10)), Number(id.slice(10, 12)))
    );
  }
  return false;
}

/**
 * Whether `s` has the shape of a resident ID number — province code and real birth date — whatever
 * its check character. Citizens mistype their ID numbers, and a mistyped one is still personal
 * data: detection masks it (over-masking is the safe direction); {@link isValidIdCardNumber} is the
 * strict check.
 */
export function looksLikeIdCardNumber(s: string): boolean {
  const id = foldWidth(s).replace(/\s/g, '').toUpperCase();
  if (/^\d{17}[\dX]$/.test(id)) {
    return (
      ID_PROVINCES.has(id.slice(0, 2)) &&
      isRealDate(Number(id.slice(6, 10)), Number(id.slice(10, 12)), Number(id.slice(12, 14)))
    );
  }
  return isValidIdCardNumber(id);
}

/** Luhn (模 10) check used by bank-card numbers. */
function isLuhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

function collect(
  folded: string,
  pattern: RegExp,
  kind: PersonalDataKind,
  into: PersonalDataMatch[],
  accept: (matched: string) => boolean = () => true,
): void {
  for (const m of folded.matchAll(pattern)) {
    const start = m.index;
    const matched = m[0];
    if (accept(matched)) into.push({ kind, value: matched, start, end: start + matched.length });
  }
}

/**
 * Finds personal data in free Chinese text: mobile numbers, landlines (with area code, or a bare
 * 8-digit number after 电话/联系/tel), 18- and 15-digit ID numbers (province code and birth date
 * validated; a wrong check character is still masked), e-mail addresses and Luhn-valid bank-card numbers. Full-width digits count. Matches
 * do not overlap and come in text order; `value`, `start` and `end` refer to the original text.
 */
export function findPersonalData(text: string): PersonalDataMatch[] {
  const folded = foldWidth(text);
  const candidates: PersonalDataMatch[] = [];
  collect(folded, ID_CARD_18, 'id-card', candidates, looksLikeIdCardNumber);
  collect(folded, ID_CARD_15, 'id-card', candidates, isValidIdCardNumber);
  collect(folded, MOBILE, 'phone', candidates);
  collect(folded, LANDLINE, 'phone', candidates);
  collect(folded, CONTEXT_LOCAL_LANDLINE, 'phone', candidates);
  collect(folded, EMAIL, 'email', candidates);
  collect(folded, BANK_CARD, 'bank-card', candidates, (m) => isLuhnValid(digitsOf(m)));

  candidates.sort(
    (a, b) => a.start - b.start || b.end - a.end || KIND_PRIORITY[a.kind] - KIND_PRIORITY[b.kind],
  );
  const found: PersonalDataMatch[] = [];
  let covered = 0;
  for (const c of candidates) {
    if (c.start < covered) continue;
    found.push({ ...c, value: text.slice(c.start, c.end) });
    covered = c.end;
  }
  return found;
}

/** Whether the text still holds unmasked personal data (masked forms such as 138****5678 do not count). */
export function containsRawPersonalData(text: string): boolean {
  return findPersonalData(text).length > 0;
}

/** Keeps the last four characters and stars the rest (all stars when there are four or fewer). */
function maskAllButLast4(s: string): string {
  return s.length <= 4 ? '*'.repeat(s.length) : `${'*'.repeat(s.length - 4)}${s.slice(-4)}`;
}

/**
 * Masks a phone number (电话号码脱敏). Mobile: first 3 and last 4 digits of the national number,
 * `138****5678`, with `+86 ` in front when the input had a country code. Landline with area code:
 * `021-****5678`; bare local number: `****5678`. Separators and full-width digits in the input are
 * accepted; anything else keeps only its last 4 digits.
 */
export function maskPhone(phone: string): string {
  const digits = digitsOf(phone);
  const mobile = /^(0086|86)?(1[3-9]\d)\d{4}(\d{4})$/.exec(digits);
  if (mobile) return `${mobile[1] ? '+86 ' : ''}${mobile[2]}****${mobile[3]}`;
  const landline = /^(0(?:10|2\d))\d{4}(\d{4})$/.exec(digits) ?? /^(0[3-9]\d{2})\d{3,4}(\d{4})$/.exec(digits);
  if (landline) return `${landline[1]}-****${landline[2]}`;
  if (/^\d{7,8}$/.test(digits)) return `****${digits.slice(-4)}`;
  return maskAllButLast4(digits);
}

/** Masks an ID number (身份证号脱敏): first 6 and last 4 characters, `310101********1234`. */
export function maskIdCard(id: string): string {
  const s = foldWidth(id).replace(/\s/g, '');
  return s.length <= 10 ? maskAllButLast4(s) : `${s.slice(0, 6)}${'*'.repeat(s.length - 10)}${s.slice(-4)}`;
}

/** Masks a bank-card number (银行卡号脱敏): first 4 and last 4 digits, `6222********1234`. */
export function maskBankCard(card: string): string {
  const digits = digitsOf(card);
  return digits.length <= 8
    ? maskAllButLast4(digits)
    : `${digits.slice(0, 4)}${'*'.repeat(digits.length - 8)}${digits.slice(-4)}`;
}

/** Masks an e-mail address (邮箱脱敏): first character of the local part, `z***@example.com`. */
export function maskEmail(email: string): string {
  const s = foldWidth(email).trim();
  const at = s.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${Array.from(s.slice(0, at))[0]}***${s.slice(at)}`;
}

/** Forms of address (称谓) that follow a surname and are kept by {@link maskName}. */
const TITLES = ['先生', '女士', '小姐'];

/**
 * Masks a person's name (姓名脱敏): every character after the first becomes `*` (张三 → 张*,
 * 欧阳娜娜 → 欧***). A trailing form of address (先生/女士/小姐) is kept and only the part before
 * it is masked, so 张先生 and 李女士 come back unchanged — a surname with a title identifies
 * nobody — while 张三先生 becomes 张*先生 and 欧阳先生 becomes 欧*先生.
 */
export function maskName(name: string): string {
  const trimmed = name.trim();
  if (TITLES.includes(trimmed)) return trimmed;
  const title = TITLES.find((t) => trimmed.endsWith(t) && trimmed.length > t.length) ?? '';
  const chars = Array.from(trimmed.slice(0, trimmed.length - title.length));
  if (chars.length <= 1) return trimmed;
  return `${chars[0]}${'*'.repeat(chars.length - 1)}${title}`;
}

function maskMatch(match: PersonalDataMatch): string {
  switch (match.kind) {
    case 'phone':
      return maskPhone(match.value);
    case 'id-card':
      return maskIdCard(match.value);
    case 'email':
      return maskEmail(match.value);
    case 'bank-card':
      return maskBankCard(match.value);
  }
}

/**
 * Replaces every piece of personal data found by {@link findPersonalData} with its mask
 * (脱敏), leaving the surrounding text untouched: 电话13812345678 → 电话138****5678. The masked
 * text contains nothing {@link findPersonalData} would find again, so masking twice is harmless.
 */
export function maskPersonalData(text: string): MaskResult {
  const found = findPersonalData(text);
  if (found.length === 0) return { text, found };
  let out = '';
  let cursor = 0;
  for (const match of found) {
    out += text.slice(cursor, match.start) + maskMatch(match);
    cursor = match.end;
  }
  return { text: out + text.slice(cursor), found };
}
