/*
 * Cheap answers about white space at the ends of a text, for checks that run on every value of every
 * job: `String#trim` and `/\S/` cost a call into the runtime each, even when there is nothing to trim.
 */

/**
 * True when the UTF-16 unit `code` is certainly not white space as `trim` and `\s` see it: printable
 * ASCII, or anything between U+3000 (the ideographic space) and U+FEFF — most Japanese text. False says
 * nothing (the caller then asks `trim` or `\s`).
 */
export function isCertainlyNotWhiteSpace(code: number): boolean {
  return (code > 0x20 && code < 0x7f) || (code > 0x3000 && code < 0xfeff);
}

/** `text.trim()`, without the call when neither end can be white space. */
export function trimmed(text: string): string {
  return text.length > 0 &&
    isCertainlyNotWhiteSpace(text.charCodeAt(0)) &&
    isCertainlyNotWhiteSpace(text.charCodeAt(text.length - 1))
    ? text
    : text.trim();
}
