import { describe, expect, it } from "vitest";
import { BOARDS } from "./boards";
import { parseJapanDateTimeGenerally as generalPath, mapRecord, parseJapanDateTime } from "./column-mapping";

describe("parseJapanDateTime", () => {
  it("reads exports' forms in Japan time unless an offset is given", () => {
    expect(parseJapanDateTime("2026/11/20 10:12")).toEqual(new Date("2026-11-20T01:12:00Z"));
    expect(parseJapanDateTime("2026-11-20")).toEqual(new Date("2026-11-19T15:00:00Z"));
    expect(parseJapanDateTime("2026年11月20日 10時12分")).toEqual(new Date("2026-11-20T01:12:00Z"));
    expect(parseJapanDateTime("2026/11/20 (スカウト)")).toEqual(new Date("2026-11-19T15:00:00Z"));
    expect(parseJapanDateTime("2026/11/20 10:12", "+07:00")).toEqual(new Date("2026-11-20T03:12:00Z"));
    expect(parseJapanDateTime("2026/02/30 10:12")).toBeUndefined();
    expect(parseJapanDateTime("2026/11/20 24:00")).toBeUndefined();
  });

  it("agrees with the general path on 20,000 generated values in the fast path's forms and near them", () => {
    let state = 42;
    const next = (n: number) => {
      state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
      return (state >>> 8) % n;
    };
    const two = (n: number) => String(n).padStart(2, "0");
    const disagreements: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      const separator = ["/", "-", "."][next(3)]!;
      let text = `${1990 + next(40)}${separator}${two(next(14))}${separator}${two(next(33))}`;
      const form = next(4);
      if (form >= 1) text += ` ${two(next(26))}:${two(next(62))}`;
      if (form === 2) text += `:${two(next(62))}`;
      if (form === 3) text += next(2) === 0 ? ":5" : "x";
      const offset = ["+09:00", "+07:00", "-03:30", "Z"][next(4)]!;
      const fast = parseJapanDateTime(text, offset)?.getTime();
      const general = generalPath(text, offset)?.getTime();
      if (!(fast === general || (Number.isNaN(fast) && Number.isNaN(general))))
        disagreements.push(`${text} ${offset}`);
    }
    expect(disagreements).toEqual([]);
  });
});

describe("mapRecord", () => {
  it("splits cells holding several e-mails or phones, and keeps a cell with one as it is", () => {
    const person = (email: string, phone: string) =>
      mapRecord(
        {
          externalId: "A-1",
          fields: { 応募ID: "A-1", 氏名: "山田 太郎", メールアドレス: email, 電話番号: phone },
          raw: [],
        },
        BOARDS.ambi,
      ).person;
    expect(person("a@example.jp; b@example.jp／c@example.jp", "090-1111-2222\n03-1234-5678、")).toMatchObject(
      {
        emails: ["a@example.jp", "b@example.jp", "c@example.jp"],
        phones: ["090-1111-2222", "03-1234-5678"],
      },
    );
    expect(person("  a@example.jp ", "090 1111 2222")).toMatchObject({
      emails: ["a@example.jp"],
      phones: ["090 1111 2222"],
    });
    expect(person("", " ")).toMatchObject({ emails: [], phones: [] });
  });
});
