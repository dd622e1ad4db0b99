import { describe, expect, it } from "vitest";
import { parseBirthDateGenerally as generalPath, isCalendarDay, parseBirthDate } from "./dates";

describe("isCalendarDay", () => {
  it("knows month lengths and Gregorian leap years", () => {
    expect([isCalendarDay(2000, 2, 29), isCalendarDay(2024, 2, 29), isCalendarDay(1900, 2, 29)]).toEqual([
      true,
      true,
      false,
    ]);
    expect([isCalendarDay(2026, 4, 30), isCalendarDay(2026, 4, 31), isCalendarDay(2026, 12, 31)]).toEqual([
      true,
      false,
      true,
    ]);
    expect([isCalendarDay(2026, 0, 1), isCalendarDay(2026, 13, 1), isCalendarDay(2026, 1, 0)]).toEqual([
      false,
      false,
      false,
    ]);
  });
});

describe("parseBirthDate", () => {
  it("reads the usual forms and refuses dates that do not exist", () => {
    expect(parseBirthDate("1990-04-01")).toBe("1990-04-01");
    expect(parseBirthDate("1990/04/01")).toBe("1990-04-01");
    expect(parseBirthDate("1990/4/1")).toBe("1990-04-01");
    expect(parseBirthDate("1990年4月1日")).toBe("1990-04-01");
    expect(parseBirthDate("２０００／０２／２９")).toBe("2000-02-29");
    expect(parseBirthDate("1900/02/29")).toBeUndefined();
    expect(parseBirthDate("1990/13/01")).toBeUndefined();
    expect(parseBirthDate("1990-04-31")).toBeUndefined();
  });

  it("agrees with the general path on every day of 1899–2101 and on near-misses, in both separators", () => {
    const inputs: string[] = [];
    for (let year = 1899; year <= 2101; year++)
      for (let month = 0; month <= 13; month++)
        for (let day = 0; day <= 32; day++) {
          const text = `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
          inputs.push(text, text.replaceAll("-", "/"));
        }
    inputs.push(
      "0999-01-01",
      "0050/01/01",
      "1990-04/01",
      "1990/04-01",
      "19a0-04-01",
      "1990-0a-01",
      " 990-04-01",
    );
    const disagreements = inputs.filter((input) => parseBirthDate(input) !== generalPath(input));
    expect(disagreements).toEqual([]);
    // Both outcomes were exercised.
    expect(inputs.filter((input) => parseBirthDate(input) === undefined).length).toBeGreaterThan(10_000);
  });
});
