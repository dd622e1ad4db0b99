import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BARE_AMPERSAND, type GuardedPiece, MarkupGuard } from "./markup-guard";

/** What the parser is given: the pieces joined, a bare `&` written as `&amp;`. */
const joined = (pieces: GuardedPiece[]) =>
  pieces.map((piece) => (piece === BARE_AMPERSAND ? "&amp;" : piece)).join("");

function guardAll(chunks: string[], maxSection = 1_000_000): { text: string; tooLong: boolean } {
  const guard = new MarkupGuard(maxSection);
  let text = "";
  for (const chunk of chunks) text += joined(guard.scan(chunk, false));
  text += joined(guard.scan("", true));
  return { text, tooLong: guard.sectionTooLong };
}

const token = fc.constantFrom(
  "&",
  "&amp;",
  "&#12;",
  "&#x3042;",
  `&${"a".repeat(40)};`,
  "<![CDATA[",
  "]]>",
  "]",
  "]]",
  "<!--",
  "-->",
  "-",
  "<",
  "<!",
  "<!DOCTYPE x>",
  "<p>",
  ";",
  "a",
  "あ",
  "😀",
  "\n",
);

describe("MarkupGuard", () => {
  it("hands on the same text however the document is cut into pieces (property)", () => {
    fc.assert(
      fc.property(
        fc.array(token, { maxLength: 60 }),
        fc.array(fc.nat(80), { maxLength: 8 }),
        (tokens, cuts) => {
          const document = tokens.join("");
          const positions = [...new Set(cuts.map((cut) => cut % (document.length + 1)))].sort(
            (a, b) => a - b,
          );
          const chunks: string[] = [];
          let previous = 0;
          for (const position of positions) {
            chunks.push(document.slice(previous, position));
            previous = position;
          }
          chunks.push(document.slice(previous));
          expect(guardAll(chunks)).toEqual(guardAll([document]));
        },
      ),
      { seed: 17, numRuns: 5000 },
    );
  });

  it("marks bare ampersands and leaves references and CDATA alone", () => {
    expect(guardAll(["A & B &amp; C <![CDATA[D & E]]> F &"]).text).toBe(
      "A &amp; B &amp; C <![CDATA[D & E]]> F &amp;",
    );
    expect(guardAll(["x &am", "p; y"]).text).toBe("x &amp; y");
  });

  it("reports a CDATA section that never closes", () => {
    expect(guardAll(["<![CDATA[", "x".repeat(50), "y".repeat(50)], 80).tooLong).toBe(true);
    expect(guardAll(["<![CDATA[", "x".repeat(50), "]]", ">"], 80).tooLong).toBe(false);
  });
});
