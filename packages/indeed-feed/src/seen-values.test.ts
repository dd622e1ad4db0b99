import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SeenValues } from "./seen-values";

describe("SeenValues", () => {
  it("answers the first line of a value seen before, and undefined for a new one", () => {
    const seen = new SeenValues();
    expect(seen.firstLine("job-1", 3)).toBeUndefined();
    expect(seen.firstLine("job-2", 40)).toBeUndefined();
    expect(seen.firstLine("job-1", 77)).toBe(3);
    expect(seen.firstLine("job-1", 90)).toBe(3);
    expect(seen.size).toBe(2);
  });

  it("keeps every value across growth, as a Map of the texts would (property; 64-bit hashes do not collide here)", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 6 }), { maxLength: 3000 }), (values) => {
        const seen = new SeenValues();
        const reference = new Map<string, number>();
        values.forEach((value, i) => {
          const line = i + 1;
          const expected = reference.get(value);
          if (expected === undefined) reference.set(value, line);
          expect(seen.firstLine(value, line)).toBe(expected);
        });
        expect(seen.size).toBe(reference.size);
      }),
      { seed: 7, numRuns: 60 },
    );
  });

  it("holds 100,000 distinct values", () => {
    const seen = new SeenValues();
    for (let i = 0; i < 100_000; i++) seen.firstLine(`https://careers.example.jp/jobs/${i}`, i + 1);
    expect(seen.size).toBe(100_000);
    expect(seen.firstLine("https://careers.example.jp/jobs/99999", 1)).toBe(100_000);
  });
});
