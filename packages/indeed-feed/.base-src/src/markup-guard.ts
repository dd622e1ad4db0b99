/**
 * A light pass over the text before the XML parser sees it, for the two faults that would otherwise
 * make a streaming parser swallow the rest of a feed (and hold it all in memory): a bare `&` in text
 * (`<title>A & B</title>` — saxes reads everything up to the next `;` as an entity name), and a CDATA
 * section that never closes. Only `&`, `<![CDATA[`, `]]>`, `<!--` and `-->` are looked for, with native
 * `indexOf`, so the cost is small beside the parse itself.
 */

/** Marks where a bare `&` was found: the parser is given `&amp;` there and an error is reported. */
export const BARE_AMPERSAND: unique symbol = Symbol("bare ampersand");

/** What {@link MarkupGuard.scan} hands on: text for the parser, or the bare-`&` marker. */
export type GuardedPiece = string | typeof BARE_AMPERSAND;

// An entity or character reference (names longer than 32 characters are taken for bare `&`).
const REFERENCE = /&(?:[A-Za-z_:][A-Za-z0-9._:-]{0,31}|#[0-9]{1,8}|#x[0-9A-Fa-f]{1,8});/y;
/** Characters after an `&` within which a reference must end (a longer run is a bare `&`). */
const MAX_REFERENCE = 40;
/** The length of `<![CDATA[`, the longest marker that starts with `<!`. */
const LONGEST_BANG_MARKER = 9;

/** Streaming guard over the text of one document. */
export class MarkupGuard {
  #state: "text" | "cdata" | "comment" = "text";
  #pending = "";
  #sectionLength = 0;
  readonly #maxSection: number;

  /** `maxSection`: the longest CDATA section or comment accepted before it is taken for unclosed. */
  constructor(maxSection: number) {
    this.#maxSection = maxSection;
  }

  /** True when the document so far ends inside a CDATA section or comment longer than allowed. */
  get sectionTooLong(): boolean {
    return this.#sectionLength > this.#maxSection;
  }

  /**
   * Scans the next piece of text; `final` flushes what was held back. Only a marker that the end of the
   * piece might cut (an `&` without its `;` yet, a `<!` or `<` at the very end, a `]`/`]]` in CDATA, a
   * `-`/`--` in a comment) is held back for the next piece: most pieces are handed on whole, without the
   * copy that joining a held-back tail to the next chunk costs.
   */
  scan(chunk: string, final: boolean): GuardedPiece[] {
    const text = this.#pending + chunk;
    let end = text.length;
    const out: GuardedPiece[] = [];
    let from = 0;
    let position = 0;
    // Next `&` and `<!` in text, found with native indexOf (much cheaper than one alternation regex) and
    // reused until the scan passes them.
    let nextAmpersand = -2;
    let nextBang = -2;
    while (position < end) {
      if (this.#state === "text") {
        if (nextAmpersand !== -1 && nextAmpersand < position) nextAmpersand = text.indexOf("&", position);
        if (nextBang !== -1 && nextBang < position) nextBang = text.indexOf("<!", position);
        const at =
          nextAmpersand === -1
            ? nextBang
            : nextBang === -1
              ? nextAmpersand
              : Math.min(nextAmpersand, nextBang);
        if (at === -1) break;
        if (at === nextAmpersand) {
          REFERENCE.lastIndex = at;
          if (REFERENCE.test(text)) {
            position = REFERENCE.lastIndex;
          } else if (!final && text.length - at <= MAX_REFERENCE) {
            end = at; // perhaps a reference the piece's end cuts: decide with the next piece
            break;
          } else {
            if (at > from) out.push(text.slice(from, at));
            out.push(BARE_AMPERSAND);
            from = at + 1;
            position = at + 1;
          }
          continue;
        }
        if (!final && text.length - at < LONGEST_BANG_MARKER) {
          end = at;
          break;
        }
        if (text.startsWith("<![CDATA[", at)) {
          this.#state = "cdata";
          position = at + 9;
        } else if (text.startsWith("<!--", at)) {
          this.#state = "comment";
          position = at + 4;
        } else {
          position = at + 2; // <!DOCTYPE and the like
          continue;
        }
        this.#sectionLength = 0;
        continue;
      }
      const close = this.#state === "cdata" ? "]]>" : "-->";
      const found = text.indexOf(close, position);
      if (found === -1) {
        // The end may cut the closing marker: keep its start for the next piece.
        if (!final) {
          if (text.endsWith(close.slice(0, 2))) end -= 2;
          else if (text.endsWith(close[0]!)) end -= 1;
        }
        this.#sectionLength += Math.max(0, end - position);
        position = end;
        break;
      }
      this.#sectionLength += found - position;
      this.#state = "text";
      position = found + close.length;
    }
    if (!final && this.#state === "text" && end === text.length && text.endsWith("<")) end -= 1; // may begin `<!`
    // Never split a surrogate pair between two writes.
    if (end > 0 && end < text.length && (text.charCodeAt(end) & 0xfc00) === 0xdc00) end -= 1;
    this.#pending = text.slice(end);
    if (end > from) out.push(text.slice(from, end));
    return out;
  }
}
