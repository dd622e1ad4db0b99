import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { displayMessage } from "./index";

/** Random text with non-overlapping emoji ranges inside it (index/length in UTF-16 code units). */
const textWithEmoji = fc
  .tuple(
    fc.array(fc.string({ maxLength: 8 }), { minLength: 1, maxLength: 6 }),
    fc.array(fc.string({ minLength: 1, maxLength: 6 }), { maxLength: 5 }),
  )
  .map(([plain, emojiTexts]) => {
    let text = "";
    const emojis: { index: number; length: number; productId: string; emojiId: string }[] = [];
    plain.forEach((part, i) => {
      text += part;
      const alt = emojiTexts[i];
      if (alt !== undefined) {
        emojis.push({
          index: text.length,
          length: alt.length,
          productId: "5ac1bfd5040ab15980c9b435",
          emojiId: String(i),
        });
        text += alt;
      }
    });
    return { text, emojis, plain: plain.join("") };
  });

describe("displayMessage", () => {
  it("property: dropping LINE emoji leaves exactly the text around them; keep leaves the text as delivered", () => {
    fc.assert(
      fc.property(textWithEmoji, ({ text, emojis, plain }) => {
        const message = { type: "text", id: "1", text, emojis };
        expect(displayMessage(message, { lineEmoji: "drop", language: "ja" }).text).toBe(plain);
        expect(displayMessage(message, { lineEmoji: "keep", language: "ja" }).text).toBe(text);
        const marked = displayMessage(message, { lineEmoji: "placeholder", language: "en" }).text;
        expect(marked.split("[LINE emoji]").length - 1).toBeGreaterThanOrEqual(emojis.length);
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it("property: any object never throws; anything but text gets a non-empty fallback", () => {
    fc.assert(
      fc.property(fc.anything(), (message) => {
        const shown = displayMessage(message, { lineEmoji: "drop", language: "en" });
        expect(typeof shown.text).toBe("string");
        if (shown.kind !== "text") expect(shown.text.length).toBeGreaterThan(0);
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it("ignores an emoji range LINE reports beyond the text instead of garbling it", () => {
    const message = {
      type: "text",
      id: "1",
      text: "ok",
      emojis: [{ index: 5, length: 3, productId: "p", emojiId: "e" }],
    };
    expect(displayMessage(message, { lineEmoji: "drop", language: "ja" }).text).toBe("ok");
  });
});
