import { describe, expect, it } from "vitest";
import { parseBirthDate } from "./dates";

// The general path alone (what parseBirthDate did before its fast path), for the agreement test.
function generalPath(input: string): string | undefined {
  const match = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(
    input.normalize("NFKC").trim(),
  );
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return undefined;
  return `${match[1]}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

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
