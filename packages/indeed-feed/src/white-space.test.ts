import { describe, expect, it } from "vitest";
import { isCertainlyNotWhiteSpace, trimmed } from "./white-space";

describe("white space at the ends", () => {
  it("never takes a unit trim or \\s would remove for one that stays (every UTF-16 unit)", () => {
    for (let code = 0; code <= 0xffff; code++) {
      const unit = String.fromCharCode(code);
      if (isCertainlyNotWhiteSpace(code) && (unit.trim() === "" || /\s/.test(unit)))
        expect(code.toString(16)).toBe("a unit that is white space");
    }
  });

  it("trims as String#trim does, at either end", () => {
    for (const text of [
      "",
      " ",
      "a",
      " a",
      "a ",
      "\u3000東京\u3000",
      "東京",
      "😀",
      "a\n",
      "\ufeffa",
      "a\u00a0",
    ])
      expect(trimmed(text)).toBe(text.trim());
  });
});
