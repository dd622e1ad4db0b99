import { XML_ILLEGAL_SCAN_WASM } from "./xml-illegal-scan-wasm";
import { firstXmlIllegalCharacter } from "./xml-text";

/** Code units copied into the WebAssembly memory at a time: its 4 pages hold 131,072. */
const WINDOW = 131_072;

/**
 * The compiled scan, or `null` where WebAssembly is unavailable (`node --jitless`) or may not be
 * compiled from bytes. A compiled module is immutable, so one serves every scanner.
 */
let compiled: WebAssembly.Module | null | undefined;

function compiledScan(): WebAssembly.Module | null {
  if (compiled === undefined) {
    try {
      compiled = new WebAssembly.Module(Buffer.from(XML_ILLEGAL_SCAN_WASM, "base64"));
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

/**
 * Finds the characters XML 1.0 cannot carry (C0 controls other than tab, LF and CR; lone surrogates;
 * U+FFFE/U+FFFF) in long text, about ten times faster than a regular expression: the text is copied into
 * WebAssembly memory and tested 8 code units per SIMD instruction (xml-illegal-scan.wat). It counts the
 * `]` on the way ({@link closingBrackets}), which tells the writer whether any value can hold a `]]>`.
 * Without WebAssembly it falls back to {@link firstXmlIllegalCharacter}, with the same answers.
 *
 * Each scanner owns 256 KiB of scratch memory; use one per writer, from one thread.
 */
export class XmlIllegalScanner {
  readonly #memory: Buffer | undefined;
  readonly #firstIllegal: ((length: number) => number) | undefined;
  readonly #bracketsOfLastCall: (() => number) | undefined;
  #brackets = 0;

  constructor(options: { webAssembly?: boolean } = {}) {
    const module = options.webAssembly === false ? null : compiledScan();
    if (module === null) return;
    const exports = new WebAssembly.Instance(module).exports as {
      memory: WebAssembly.Memory;
      firstIllegal: (length: number) => number;
      closingBrackets: () => number;
    };
    this.#memory = Buffer.from(exports.memory.buffer);
    this.#firstIllegal = exports.firstIllegal;
    this.#bracketsOfLastCall = exports.closingBrackets;
  }

  /** True when this scanner runs the WebAssembly scan (false: the regular-expression fallback). */
  get usesWebAssembly(): boolean {
    return this.#firstIllegal !== undefined;
  }

  /**
   * The index of the first XML-illegal character in `text` at or after `from`, or -1. `from` must not
   * fall between the two halves of a surrogate pair.
   */
  firstIllegal(text: string, from = 0): number {
    const memory = this.#memory;
    const firstIllegal = this.#firstIllegal;
    const bracketsOfLastCall = this.#bracketsOfLastCall;
    this.#brackets = 0;
    if (memory === undefined || firstIllegal === undefined || bracketsOfLastCall === undefined) {
      const found = firstXmlIllegalCharacter(text, from);
      if (found < 0) this.#brackets = countClosingBrackets(text, from);
      return found;
    }
    for (let start = from; start < text.length; ) {
      let end = Math.min(start + WINDOW, text.length);
      // A pair split between two windows would look like two lone surrogates.
      if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) end--;
      memory.write(start === 0 && end === text.length ? text : text.slice(start, end), 0, "utf16le");
      const found = firstIllegal(end - start);
      this.#brackets += bracketsOfLastCall();
      if (found >= 0) return start + found;
      start = end;
    }
    return -1;
  }

  /**
   * The `]` in the text the last {@link firstIllegal} call scanned, from `from` to the end, when that
   * call found no illegal character (after one, the count is partial).
   */
  get closingBrackets(): number {
    return this.#brackets;
  }
}

function countClosingBrackets(text: string, from: number): number {
  let count = 0;
  for (let at = text.indexOf("]", from); at !== -1; at = text.indexOf("]", at + 1)) count++;
  return count;
}

const isHighSurrogate = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;
