import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normaliseEmail, safeNormaliseEmail } from "./email";
import { ValidationError } from "./errors";
import { normaliseReading, readingKey, toKatakana } from "./kana";
import { normalisePhone, safeNormalisePhone } from "./phone";
import { nameKey, normaliseText, normaliseTextGenerally, tidyText } from "./text";

const PROPERTY = { seed: 42, numRuns: 2000 } as const;

// Strings rich in what Japanese data contains: kana of both widths, full-width ASCII, dashes, spaces.
const japaneseText = fc.string({
  unit: fc.constantFrom(
    ..."やまだタロウﾔﾏﾀﾞﾀﾛｳ山田髙橋ＡＢＣａｂｃ１２３-‐−―－ー〜～　 \t\n・㈱①\u200b\u0007abcXYZ@.",
  ),
  maxLength: 30,
});

describe("normaliseText", () => {
  it("folds widths, dashes, tildes and spaces", () => {
    expect(normaliseText("  ＡＢＣ　１２３  ")).toBe("ABC 123");
    expect(normaliseText("ﾃｽﾄ")).toBe("テスト");
    expect(normaliseText("03‐1234−5678")).toBe("03-1234-5678");
    expect(normaliseText("10,000円〜20,000円")).toBe("10,000円~20,000円");
    expect(normaliseText("山田\u200b太郎\u0007")).toBe("山田太郎");
    expect(normaliseText("line\r\nbreak")).toBe("line break");
  });

  it("keeps the katakana long vowel mark, which is not a dash", () => {
    expect(normaliseText("エンジニアｰ")).toBe("エンジニアー");
  });

  it("is idempotent", () => {
    fc.assert(
      fc.property(japaneseText, (text) => normaliseText(normaliseText(text)) === normaliseText(text)),
      PROPERTY,
    );
  });

  it("returns names and readings that are already normal as they are, agreeing with the general path", () => {
    // Every character the fast path accepts is one that the general path leaves unchanged.
    const ranges: [number, number][] = [
      [0x3041, 0x3096],
      [0x30a1, 0x30fa],
      [0x30fc, 0x30fc],
      [0x4e00, 0x9fff],
      [0x30, 0x39],
      [0x41, 0x5a],
      [0x61, 0x7a],
    ];
    const changed: string[] = [];
    for (const [from, to] of ranges)
      for (let code = from; code <= to; code++) {
        const char = String.fromCharCode(code);
        if (normaliseTextGenerally(char) !== char || normaliseText(char) !== char) changed.push(char);
      }
    expect(changed).toEqual([]);
    // Mixed with what the fast path must leave to the general one: combining marks, half-width
    // kana, full-width letters, other spaces, dashes, invisibles.
    const mixed = fc.string({
      unit: fc.constantFrom(
        ..."やまだタロウ山田髙ーabcXYZ019 ",
        "\u3099",
        "\u309a",
        "ﾔ",
        "ﾞ",
        "Ａ",
        "\u3000",
        "-",
        "‐",
        "〜",
        "・",
        "\u200b",
      ),
      maxLength: 16,
    });
    fc.assert(
      fc.property(mixed, (text) => {
        expect(normaliseText(text)).toBe(normaliseTextGenerally(text));
      }),
      PROPERTY,
    );
    expect(normaliseText("山田 太郎")).toBe("山田 太郎");
    expect(normaliseText("か\u3099")).toBe("が");
  });

  it("collapses white space exactly as replacing every run with one space does", () => {
    // The collapse is skipped for text whose white space is already single spaces: check both paths.
    const spaced = fc.string({
      unit: fc.constantFrom(..."山田aＡ ", " ", "\u3000", "\t", "\n", "\u00a0", "\u2003"),
      maxLength: 12,
    });
    fc.assert(
      fc.property(spaced, (text) => {
        expect(normaliseText(text)).toBe(
          text
            .normalize("NFKC")
            .replace(/[\s\u3000]+/g, " ")
            .trim(),
        );
        expect(tidyText(text)).toBe(text.replace(/[\s\u3000]+/g, " ").trim());
      }),
      PROPERTY,
    );
  });
});

describe("readings", () => {
  it("folds hiragana, half-width kana and spaces to one katakana form", () => {
    expect(normaliseReading("やまだ　たろう")).toBe("ヤマダ タロウ");
    expect(normaliseReading("ﾔﾏﾀﾞ ﾀﾛｳ")).toBe("ヤマダ タロウ");
    expect(readingKey("やまだ・たろう")).toBe("ヤマダタロウ");
    expect(toKatakana("ゝゞ abc")).toBe("ヽヾ abc");
  });

  it("is idempotent", () => {
    fc.assert(
      fc.property(
        japaneseText,
        (text) => normaliseReading(normaliseReading(text)) === normaliseReading(text),
      ),
      PROPERTY,
    );
    fc.assert(
      fc.property(japaneseText, (text) => readingKey(readingKey(text)) === readingKey(text)),
      PROPERTY,
    );
  });
});

describe("nameKey", () => {
  it("ignores spaces, width and variant kanji", () => {
    expect(nameKey("髙橋　一郎")).toBe(nameKey("高橋一郎"));
    expect(nameKey("Nguyễn Văn A")).toBe(nameKey("nguyễn  văn a"));
    expect(nameKey("山﨑 太郎")).toBe("山崎太郎");
  });

  it("is idempotent", () => {
    fc.assert(
      fc.property(japaneseText, (text) => nameKey(nameKey(text)) === nameKey(text)),
      PROPERTY,
    );
  });
});

describe("normaliseEmail", () => {
  it("lower-cases and folds full-width input", () => {
    expect(normaliseEmail(" Taro.Yamada@Example.CO.JP ")).toBe("taro.yamada@example.co.jp");
    expect(normaliseEmail("ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ")).toBe("taro@example.jp");
    expect(normaliseEmail("mailto:<hanako@example.com>")).toBe("hanako@example.com");
  });

  it("accepts Japanese carrier addresses that break RFC 5322", () => {
    expect(normaliseEmail("taro..yamada.@docomo.ne.jp")).toBe("taro..yamada.@docomo.ne.jp");
  });

  it("applies provider rules only when asked", () => {
    expect(normaliseEmail("Taro.Yamada+jobs@gmail.com")).toBe("taro.yamada+jobs@gmail.com");
    expect(normaliseEmail("Taro.Yamada+jobs@googlemail.com", { providerRules: true })).toBe(
      "taroyamada@gmail.com",
    );
    expect(normaliseEmail("taro+jobs@outlook.com", { providerRules: true })).toBe("taro@outlook.com");
    expect(normaliseEmail("taro.yamada+jobs@example.co.jp", { providerRules: true })).toBe(
      "taro.yamada+jobs@example.co.jp",
    );
  });

  it("leaves addresses on domains without provider rules as the plain normalisation gives them", () => {
    const email = fc.tuple(
      fc.stringMatching(/^[A-Za-z0-9._+-]{1,20}$/),
      fc.constantFrom("example.co.jp", "Example.com", "gmail.co.jp", "docomo.ne.jp", "mail.outlook.com"),
    );
    fc.assert(
      fc.property(email, ([local, domain]) => {
        const plain = safeNormaliseEmail(`${local}@${domain}`);
        const withRules = safeNormaliseEmail(`${local}@${domain}`, { providerRules: true });
        expect(withRules).toEqual(plain);
      }),
      PROPERTY,
    );
  });

  it("answers invalid input with a typed error that names the value", () => {
    for (const bad of [
      "",
      "taro",
      "taro@",
      "@example.com",
      "taro@example",
      "ta ro@example.com",
      "taro@exa_mple.com",
    ]) {
      const result = safeNormaliseEmail(bad);
      expect(result.success, bad).toBe(false);
      if (!result.success) {
        expect(ValidationError.is(result.error)).toBe(true);
        expect(result.error.issues[0]?.reason).toBe("invalid_email");
      }
    }
    expect(() => normaliseEmail(42 as unknown as string)).toThrow(/Expected a string/);
  });

  it("is idempotent, with and without provider rules", () => {
    const email = fc.tuple(
      fc.stringMatching(/^[A-Za-z0-9._+-]{1,20}$/),
      fc.constantFrom("gmail.com", "Example.co.jp", "ＥＸＡＭＰＬＥ.com", "outlook.com"),
    );
    fc.assert(
      fc.property(email, fc.boolean(), ([local, domain], providerRules) => {
        const once = safeNormaliseEmail(`${local}@${domain}`, { providerRules });
        if (!once.success) return true;
        const twice = safeNormaliseEmail(once.data, { providerRules });
        return twice.success && twice.data === once.data;
      }),
      PROPERTY,
    );
  });
});

describe("normalisePhone", () => {
  it("turns Japanese numbers into E.164", () => {
    expect(normalisePhone("090-1234-5678")).toBe("+819012345678");
    expect(normalisePhone("０９０ー１２３４ー５６７８")).toBe("+819012345678");
    expect(normalisePhone("03(1234)5678")).toBe("+81312345678");
    expect(normalisePhone("+81 90 1234 5678")).toBe("+819012345678");
  });

  it("uses the source's default region", () => {
    expect(normalisePhone("0912 345 678", { defaultRegion: "VN" })).toBe("+84912345678");
    expect(normalisePhone("+84 912 345 678", { defaultRegion: "JP" })).toBe("+84912345678");
  });

  it("refuses numbers that only look plausible, with the reason", () => {
    for (const bad of ["", "abc", "090-1234", "000-0000-0000", "12345678901234567890"]) {
      const result = safeNormalisePhone(bad);
      expect(result.success, bad).toBe(false);
      if (!result.success) expect(result.error.issues[0]?.message).toMatch(/phone|digits/);
    }
    expect(safeNormalisePhone("090-1234-5678", { defaultRegion: "XX" }).success).toBe(false);
  });

  it("is idempotent", () => {
    const digits = fc.stringMatching(/^0[5-9]0[0-9]{8}$/);
    fc.assert(
      fc.property(digits, (number) => {
        const once = safeNormalisePhone(number);
        if (!once.success) return true;
        const twice = safeNormalisePhone(once.data);
        return twice.success && twice.data === once.data;
      }),
      { seed: 42, numRuns: 500 },
    );
  });
});
