import { ValidationError } from "@org/ats-core";

/**
 * Characters XML 1.0 forbids in a document (§2.2 Char): C0 controls other than tab, LF and CR,
 * lone UTF-16 surrogates, and U+FFFE/U+FFFF. Indeed rejects feeds that carry them (seed
 * 004_7a98198eda9710f9.txt, "よくある問題": "XMLでは、XML標準で許容されている文字範囲を使用する必要があります").
 */
const XML_ILLEGAL =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const XML_ILLEGAL_ALL = new RegExp(XML_ILLEGAL.source, "g");
/**
 * A cheap first test (no lookaround, so several times faster on long text): every XML-illegal character
 * is one of these, and valid text rarely holds any (surrogates only come with emoji and rare kanji: a
 * pair is legal, only a lone one is not).
 */
const MAYBE_XML_ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

/** What the writer does with characters XML cannot carry. */
export type ControlCharacterPolicy = "remove" | "reject";

/** True when `text` holds a character XML 1.0 cannot carry (see {@link removeXmlIllegalCharacters}). */
export function hasXmlIllegalCharacters(text: string): boolean {
  return MAYBE_XML_ILLEGAL.test(text) && XML_ILLEGAL.test(text);
}

/** Removes the characters XML 1.0 cannot carry: C0 controls except tab/LF/CR, lone surrogates, U+FFFE/U+FFFF. */
export function removeXmlIllegalCharacters(text: string): string {
  return hasXmlIllegalCharacters(text) ? text.replace(XML_ILLEGAL_ALL, "") : text;
}

/**
 * The index of the first XML-illegal character in `text` at or after `from`, or -1. `from` must not
 * fall between the two halves of a surrogate pair. Long text: `XmlIllegalScanner` is faster.
 */
export function firstXmlIllegalCharacter(text: string, from = 0): number {
  XML_ILLEGAL_ALL.lastIndex = from;
  const match = XML_ILLEGAL_ALL.exec(text);
  return match === null ? -1 : match.index;
}

/**
 * Wraps `text` in one CDATA section, kept verbatim (HTML stays raw: `<p>`, never `&lt;p&gt;`).
 * A `]]>` inside the text would end the section early, so it is split across two sections
 * (`]]]]><![CDATA[>`): an XML reader joins adjacent sections back into the original text.
 */
export function cdata(text: string): string {
  return `<![CDATA[${splitCdataEnd(text)}]]>`;
}

/** `text` with every `]]>` split across two CDATA sections (see {@link cdata}), for text already inside one. */
export function splitCdataEnd(text: string): string {
  return text.includes("]]>") ? text.replaceAll("]]>", "]]]]><![CDATA[>") : text;
}

/**
 * Makes `text` safe for XML under `policy`: removes XML-illegal characters, or throws a
 * `ValidationError` naming `path` and the offending position.
 */
export function cleanXmlText(
  text: string,
  policy: ControlCharacterPolicy,
  path: readonly (string | number)[],
): string {
  if (!hasXmlIllegalCharacters(text)) return text;
  if (policy === "remove") return text.replace(XML_ILLEGAL_ALL, "");
  const index = firstXmlIllegalCharacter(text);
  const code = text.charCodeAt(index).toString(16).toUpperCase().padStart(4, "0");
  throw new ValidationError("feed job", [
    {
      path,
      reason: "xml_illegal_character",
      message: `U+${code} at index ${index} cannot appear in XML; remove it from the source data or write with controlCharacters: "remove"`,
    },
  ]);
}

/** XML 1.0 names this package writes: ASCII letters, digits, `_ - .`, not starting with a digit, `-`, `.` or `xml`. */
export const XML_NAME_PATTERN = /^(?![Xx][Mm][Ll])[A-Za-z_][A-Za-z0-9_.-]*$/;
