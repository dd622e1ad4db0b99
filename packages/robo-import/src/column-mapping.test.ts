import { parseBirthDate, toNfkc } from "@org/ats-core";
import { describe, expect, it } from "vitest";
import { parseJapanDateTime } from "./column-mapping";

// The general path alone (what parseJapanDateTime did before its fast path), for the agreement test.
function generalPath(text: string, utcOffset = "+09:00"): Date | undefined {
  const source = toNfkc(text);
  const iso = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})/.exec(source);
  if (iso) {
    const date = new Date(iso[0]);
    return Number.isNaN(date.getTime()) ? undefined : date;
  }
  const match =
    /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s*(?:\(.\)|（.）)?\s*(\d{1,2})\s*[:時]\s*(\d{1,2})(?:\s*[:分]\s*(\d{1,2}))?)?/.exec(
      source,
    );
  if (!match) return undefined;
  const date = parseBirthDate(`${match[1]}-${match[2]}-${match[3]}`);
  if (date === undefined) return undefined;
  const [hour, minute, second] = [Number(match[4] ?? 0), Number(match[5] ?? 0), Number(match[6] ?? 0)];
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const pad = (value: number) => String(value).padStart(2, "0");
  return new Date(`${date}T${pad(hour)}:${pad(minute)}:${pad(second)}${utcOffset}`);
}

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
