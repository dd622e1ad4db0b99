import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileXmlIllegalScan, wasmModuleSource } from "../scripts/build-wasm";
import { XML_ILLEGAL_SCAN_WASM } from "./xml-illegal-scan-wasm";
import { XmlIllegalScanner } from "./xml-illegal-scanner";
import { firstXmlIllegalCharacter } from "./xml-text";

/** Pieces of text the scan must tell apart: legal controls, illegal ones, pairs, lone halves, edges. */
const PIECES = [
  "a",
  "<p>",
  "\t",
  "\n",
  "\r",
  "\u0000",
  "\u0001",
  "\u0008",
  "\u000B",
  "\u000C",
  "\u000E",
  "\u001F",
  " ",
  "\u007F",
  "東京都港区",
  "（株）",
  "\uD7FF",
  "\uD800",
  "\uDBFF",
  "\uDC00",
  "\uDFFF",
  "😀",
  "𠮷",
  "\uE000",
  "\uFFFD",
  "\uFFFE",
  "\uFFFF",
  "]",
  "]]>",
  "[急募]",
];
const text = fc
  .tuple(
    fc.array(fc.constantFrom(...PIECES), { maxLength: 120 }),
    fc.nat({ max: 64 }).map((n) => "あ".repeat(n)),
  )
  .map(([pieces, padding]) => padding + pieces.join(""));

const scanners = {
  WebAssembly: new XmlIllegalScanner(),
  "regular-expression fallback": new XmlIllegalScanner({ webAssembly: false }),
};

describe("XmlIllegalScanner", () => {
  it("runs the WebAssembly scan on Node", () => {
    expect(scanners.WebAssembly.usesWebAssembly).toBe(true);
    expect(scanners["regular-expression fallback"].usesWebAssembly).toBe(false);
  });

  for (const [name, scanner] of Object.entries(scanners)) {
    describe(name, () => {
      it("finds what the XML 1.0 Char rule forbids, and nothing else", () => {
        expect(scanner.firstIllegal("")).toBe(-1);
        expect(scanner.firstIllegal("tab\tLF\nCR\r 東京 😀 \uE000\uFFFD")).toBe(-1);
        expect(scanner.firstIllegal("ab\u0001")).toBe(2);
        expect(scanner.firstIllegal("😀\uD800")).toBe(2);
        expect(scanner.firstIllegal("\uDC00😀")).toBe(0);
        expect(scanner.firstIllegal("x\uFFFEy")).toBe(1);
        expect(scanner.firstIllegal("\uD83D\uD83D\uDE00")).toBe(0);
      });

      it("agrees with the regular expression on 10,000 generated texts, from any start", () => {
        fc.assert(
          fc.property(text, fc.nat(), (value, start) => {
            let from = value.length === 0 ? 0 : start % (value.length + 1);
            // never between the halves of a pair (the documented precondition)
            if (
              from > 0 &&
              /[\uD800-\uDBFF]/.test(value[from - 1]!) &&
              /[\uDC00-\uDFFF]/.test(value[from] ?? "")
            )
              from--;
            const found = scanner.firstIllegal(value, from);
            expect(found).toBe(firstXmlIllegalCharacter(value, from));
            if (found < 0) expect(scanner.closingBrackets).toBe(value.slice(from).split("]").length - 1);
          }),
          { seed: 20261121, numRuns: 10_000 },
        );
      });

      it("scans text longer than its memory window without splitting a pair", () => {
        const window = 131_072;
        const pairAcross = `${"あ".repeat(window - 1)}😀${"い".repeat(10)}`;
        expect(scanner.firstIllegal(pairAcross)).toBe(-1);
        expect(scanner.firstIllegal(`${pairAcross}\u0002`)).toBe(window + 11);
        const loneAtEdge = `${"あ".repeat(window - 1)}\uD800${"い".repeat(10)}`;
        expect(scanner.firstIllegal(loneAtEdge)).toBe(window - 1);
        const brackets = `${"x]".repeat((3 * window) / 2 + 2)}x`;
        expect(scanner.firstIllegal(brackets)).toBe(-1);
        expect(scanner.closingBrackets).toBe((3 * window) / 2 + 2);
        const far = `${brackets}\uFFFF`;
        expect(scanner.firstIllegal(far)).toBe(3 * window + 5);
        expect(scanner.firstIllegal(far, 2 * window)).toBe(3 * window + 5);
      });
    });
  }

  it("ships the binary compiled from xml-illegal-scan.wat (run `pnpm build:wasm` after editing it)", async () => {
    const source = wasmModuleSource(await compileXmlIllegalScan());
    expect(source).toContain(`"${XML_ILLEGAL_SCAN_WASM}"`);
  });
});
