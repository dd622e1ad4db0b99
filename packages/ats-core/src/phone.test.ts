import { parsePhoneNumberWithError } from "libphonenumber-js/max";
import { describe, expect, it } from "vitest";
import { safeNormalisePhone } from "./phone";

// What the general parser answers, i.e. what safeNormalisePhone answered before its Japanese fast path.
function generalParser(text: string): string | undefined {
  try {
    const parsed = parsePhoneNumberWithError(text, { defaultCountry: "JP" });
    return parsed.isValid() ? parsed.number : undefined;
  } catch {
    return undefined;
  }
}

// A fixed pseudo-random sequence (mulberry32), so that a failure can be replayed.
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

describe("the Japanese national-form fast path", () => {
  it("agrees with the general parser on 30,000 numbers from every 0X prefix, plain and formatted", () => {
    const next = random(42);
    const digit = () => String(Math.floor(next() * 10));
    const separators = ["-", " ", "(", ")", "--", " - "];
    let valid = 0;
    for (let i = 0; i < 30_000; i++) {
      // Every two-digit area/mobile prefix 01–09 with 8 or 9 more digits; mobile prefixes weighted up.
      const prefix = next() < 0.4 ? ["070", "080", "090", "050"][i % 4]! : `0${1 + (i % 9)}${digit()}`;
      const length = next() < 0.5 ? 10 : 11;
      let digits = prefix;
      while (digits.length < length) digits += digit();
      let text = "";
      for (const character of digits) {
        text += character;
        if (next() < 0.15) text += separators[Math.floor(next() * separators.length)];
      }
      const expected = generalParser(text);
      const result = safeNormalisePhone(text, { defaultRegion: "JP" });
      expect(result.success ? result.data : undefined, text).toBe(expected);
      if (expected !== undefined) valid++;
    }
    // Both valid and invalid numbers were exercised.
    expect(valid).toBeGreaterThan(5_000);
    expect(valid).toBeLessThan(29_000);
  });

  it("leaves other forms to the general parser", () => {
    expect(safeNormalisePhone("+81 90-1234-5678")).toEqual({ success: true, data: "+819012345678" });
    expect(safeNormalisePhone("０９０−１２３４−５６７８")).toEqual({ success: true, data: "+819012345678" });
    expect(safeNormalisePhone("090-1234-5678 内線12").success).toBe(
      generalParser("090-1234-5678 内線12") !== undefined,
    );
    expect(safeNormalisePhone("0012345678").success).toBe(false);
  });
});
