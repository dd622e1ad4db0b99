import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkDateFormat, compileDateFormat } from "./index";

describe("date formats (SimpleDateFormat subset)", () => {
  it("reads the seed's dd/MM/yyyy and Japanese patterns", () => {
    expect(compileDateFormat("dd/MM/yyyy").parse("01/02/2014")).toEqual({ year: 2014, month: 2, day: 1 });
    expect(compileDateFormat("yyyy年M月d日").parse("2026年11月21日")).toEqual({
      year: 2026,
      month: 11,
      day: 21,
    });
    expect(compileDateFormat("yyyy'-'MM'-'dd").parse("2026-11-21")).toEqual({
      year: 2026,
      month: 11,
      day: 21,
    });
    expect(compileDateFormat("dd/MM/yyyy").parse("29/02/2023")).toBeUndefined();
    expect(compileDateFormat("dd/MM/yyyy").parse("1/2/2014")).toBeUndefined();
  });

  it("names what is wrong with a pattern", () => {
    expect(checkDateFormat("dd/MM/yyyy")).toEqual([]);
    expect(checkDateFormat("dd/mm/yyyy").map((p) => p.code)).toEqual([
      "minutes_instead_of_month",
      "missing_field",
    ]);
    expect(checkDateFormat("MM/dd/yy").map((p) => p.code)).toEqual(["two_digit_year"]);
    expect(checkDateFormat("dd MMM yyyy").map((p) => p.code)).toEqual(["unsupported_field"]);
    expect(checkDateFormat("yyyy-MM-dd HH").map((p) => p.code)).toEqual(["unsupported_field"]);
  });

  it("formats and parses back every real day (property)", () => {
    const patterns = ["dd/MM/yyyy", "yyyy-MM-dd", "yyyy年M月d日", "M/d/yyyy", "yyyyMMdd"];
    fc.assert(
      fc.property(
        fc.date({ min: new Date("1900-01-01"), max: new Date("2100-12-31"), noInvalidDate: true }),
        fc.constantFrom(...patterns),
        (date, pattern) => {
          const day = { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
          const format = compileDateFormat(pattern);
          expect(format.parse(format.format(day))).toEqual(day);
        },
      ),
      { seed: 42, numRuns: 500 },
    );
  });
});
