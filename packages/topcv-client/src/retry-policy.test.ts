import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { backoffDelay, DEFAULT_RETRY_POLICY, isRetryableStatus, parseRetryAfter } from "./retry-policy";

const NOW = new Date("2026-11-21T10:00:00Z");

describe("backoffDelay", () => {
  it("doubles per attempt, stays within [half, full] of the exponential step, and never passes the cap", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (attempt, random) => {
          const step = Math.min(
            DEFAULT_RETRY_POLICY.maxDelayMs,
            DEFAULT_RETRY_POLICY.baseDelayMs * 2 ** (attempt - 1),
          );
          const delay = backoffDelay(attempt, DEFAULT_RETRY_POLICY, random);
          expect(delay).toBeGreaterThanOrEqual(Math.floor(step / 2));
          expect(delay).toBeLessThanOrEqual(step);
          expect(delay).toBeLessThanOrEqual(DEFAULT_RETRY_POLICY.maxDelayMs);
        },
      ),
      { seed: 42, numRuns: 500 },
    );
  });

  it("gives 250–500, 500–1000, 1000–2000 ms for the first attempts by default", () => {
    expect([1, 2, 3].map((a) => backoffDelay(a, DEFAULT_RETRY_POLICY, 0))).toEqual([250, 500, 1000]);
    expect([1, 2, 3].map((a) => backoffDelay(a, DEFAULT_RETRY_POLICY, 0.999999))).toEqual([500, 1000, 2000]);
  });
});

describe("parseRetryAfter", () => {
  it("reads seconds and HTTP dates; a past date is 0; anything else is undefined", () => {
    expect(parseRetryAfter("120", NOW)).toBe(120_000);
    expect(parseRetryAfter(" 0 ", NOW)).toBe(0);
    expect(parseRetryAfter("Sat, 21 Nov 2026 10:01:00 GMT", NOW)).toBe(60_000);
    expect(parseRetryAfter("Sat, 21 Nov 2026 09:00:00 GMT", NOW)).toBe(0);
    expect(parseRetryAfter(null, NOW)).toBeUndefined();
    expect(parseRetryAfter("-5", NOW)).toBeUndefined();
    expect(parseRetryAfter("soon", NOW)).toBeUndefined();
    expect(parseRetryAfter("1.5", NOW)).toBeUndefined();
  });

  it("never throws and never returns a negative or non-finite wait", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const value = parseRetryAfter(text, NOW);
        if (value !== undefined) expect(Number.isFinite(value) && value >= 0).toBe(true);
      }),
      { seed: 42, numRuns: 1000 },
    );
  });
});

describe("isRetryableStatus", () => {
  it("retries 408, 429 and 5xx except 501; nothing else", () => {
    expect([408, 429, 500, 502, 503, 504, 599].every(isRetryableStatus)).toBe(true);
    expect([200, 400, 401, 403, 404, 409, 422, 501].some(isRetryableStatus)).toBe(false);
  });
});
