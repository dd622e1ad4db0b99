/**
 * Text normalisation for Japanese and Vietnamese data from many sources: full/half width,
 * dash, tilde and space variants. Used for comparison keys and for cleaning single-line fields.
 */

// Hyphen-like characters boards and spreadsheets produce for "-" (ー, the katakana long vowel mark, is not one).
const DASHES = /[\u2010-\u2015\u2043\u2212\u2E3A\u2E3B\uFE58\uFE63\uFF0D]/g;
// Wave dash and full-width tilde, used for ranges ("10,000円〜").
const TILDES = /[\u301C\u3030\uFF5E]/g;
// Zero-width characters and the BOM, which copy/paste leaves in names.
const INVISIBLES = /[\u200B-\u200D\u2060\uFEFF]/g;
// C0 and C1 control characters other than white space: never meaningful in a single-line field.
const CONTROLS = /[\u0000-\u0008\u000E-\u001F\u007F-\u009F]/g;
// Any run of white space, including ideographic space and line breaks.
const SPACES = /[\s\u3000]+/g;
// What SPACES would change: white space other than a single ASCII space between words.
const UNTIDY_SPACES = /[^\S ]| {2}/;

/*
 * Runs of white space collapsed to one ASCII space. Text without such runs is returned as it is:
 * a replace that matches makes a new string even when it changes nothing, and the names and
 * readings this tidies ("山田 太郎") are stored with every candidate, sharing the imported text.
 */
function collapseSpaces(input: string): string {
  return UNTIDY_SPACES.test(input) ? input.replace(SPACES, " ") : input;
}

const ASCII = /^[\x00-\x7f]*$/;

/**
 * `input.normalize("NFKC")`, without the work (and the copy) for ASCII text, which NFKC leaves as
 * it is: most e-mails, phones and dates in imports are ASCII.
 */
export function toNfkc(input: string): string {
  return ASCII.test(input) ? input : input.normalize("NFKC");
}

/**
 * Tidies a single-line text for display and storage without changing its characters: invisible
 * and control characters removed, white space collapsed and trimmed. Names keep ㈱, ①, 髙 and
 * full-width letters as written; comparisons use {@link nameKey}, which folds them.
 */
export function tidyText(input: string): string {
  return collapseSpaces(input.replace(INVISIBLES, "").replace(CONTROLS, "")).trim();
}

/**
 * Normalises a single-line text: NFKC (full-width ASCII → ASCII, half-width kana → full-width),
 * dash and tilde variants folded, invisible characters removed, white space collapsed and trimmed.
 * Idempotent: normalising twice gives the same result as once.
 */
export function normaliseText(input: string): string {
  // Names and readings (山田 太郎, ヤマダ タロウ) are usually already normal: recognised by one test.
  return ALREADY_NORMAL.test(input) ? input : normaliseTextGenerally(input);
}

/** {@link normaliseText} without its fast path (exported for the test that checks they agree; not in the package's API). */
export function normaliseTextGenerally(input: string): string {
  return collapseSpaces(
    toNfkc(input).replace(INVISIBLES, "").replace(CONTROLS, "").replace(DASHES, "-").replace(TILDES, "~"),
  ).trim();
}

/*
 * Words of characters that NFKC leaves as they are and that no replacement above touches —
 * hiragana, katakana (with ー), CJK unified ideographs, ASCII letters and digits — separated by
 * single spaces: text normaliseText returns unchanged. None of them combines with another under
 * NFKC (no combining marks, such as the voicing mark U+3099, are among them). A test checks every
 * character of these ranges, and agreement with the general path.
 */
const NORMAL_WORD = "[\\u3041-\\u3096\\u30A1-\\u30FA\\u30FC\\u4E00-\\u9FFFA-Za-z0-9]+";
const ALREADY_NORMAL = new RegExp(`^${NORMAL_WORD}(?: ${NORMAL_WORD})*$`);

// Old or variant forms of kanji common in family names, folded for matching only (never for display).
const NAME_KANJI_VARIANTS: Readonly<Record<string, string>> = {
  髙: "高",
  﨑: "崎",
  嵜: "崎",
  德: "徳",
  邊: "辺",
  邉: "辺",
  澤: "沢",
  齋: "斎",
  齊: "斉",
  濱: "浜",
  濵: "浜",
  櫻: "桜",
  廣: "広",
  國: "国",
  嶋: "島",
  嶌: "島",
  籠: "篭",
  藝: "芸",
  實: "実",
  眞: "真",
};
const NAME_KANJI_PATTERN = new RegExp(`[${Object.keys(NAME_KANJI_VARIANTS).join("")}]`, "g");

/**
 * A comparison key for a person's name: normalised, lower-cased, spaces and middle dots removed,
 * and variant kanji folded (髙橋 = 高橋), so `山田 太郎`, `山田　太郎` and `山田太郎` compare equal.
 */
export function nameKey(name: string): string {
  return normaliseText(name)
    .replace(NAME_KANJI_PATTERN, (char) => NAME_KANJI_VARIANTS[char] ?? char)
    .replace(/[ ・·]/g, "")
    .toLowerCase();
}
