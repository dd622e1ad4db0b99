import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fieldErrorsFrom, mapWebhookPayload, parseWebhookSignature } from "./contract";

describe("mapWebhookPayload", () => {
  it("never throws, whatever JSON arrives, and either maps or lists problems", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const result = mapWebhookPayload(value);
        if (!result.ok) expect(result.issues.length).toBeGreaterThan(0);
      }),
      { seed: 42, numRuns: 500 },
    );
  });

  it("maps any well-formed application event, keeping ids as strings", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ minLength: 1 }), fc.integer({ min: 0 })),
        fc.string({ minLength: 1, maxLength: 60 }),
        (jobId, fullName) => {
          const result = mapWebhookPayload({
            event_id: "evt",
            event: "application.created",
            occurred_at: "2026-11-21T10:00:00+07:00",
            data: {
              application_id: 12,
              job_id: jobId,
              applied_at: "2026-11-21T10:00:00+07:00",
              candidate: { full_name: fullName },
            },
          });
          expect(result.ok).toBe(true);
          if (result.ok && result.event.type === "application.created") {
            expect(result.event.topcvJobId).toBe(String(jobId));
            expect(result.event.applicationId).toBe("12");
            expect(result.event.candidate).toEqual({
              fullName,
              email: null,
              phone: null,
              birthDate: null,
              gender: null,
            });
            expect(result.event.cv).toBeNull();
          }
        },
      ),
      { seed: 42, numRuns: 200 },
    );
  });

  it("a rejection without a reason still says so", () => {
    const result = mapWebhookPayload({
      event_id: "e",
      event: "job.rejected",
      occurred_at: "2026-11-21T10:00:00Z",
      data: { job_id: "7" },
    });
    expect(result).toMatchObject({
      ok: true,
      event: { type: "posting.rejected", reason: "(TopCV gave no reason)" },
    });
  });
});

describe("fieldErrorsFrom", () => {
  it("maps wire field names back to ours and ignores bodies outside the assumed shape", () => {
    expect(
      fieldErrorsFrom({
        error: {
          fields: [
            { field: "quantity", message: "must be > 0" },
            { field: "foo.bar", message: "x" },
          ],
        },
      }),
    ).toEqual([
      { field: "headcount", message: "must be > 0" },
      { field: "foo.bar", message: "x" },
    ]);
    expect(fieldErrorsFrom("<html>")).toEqual([]);
    expect(fieldErrorsFrom({ error: { message: "no fields" } })).toEqual([]);
  });
});

describe("parseWebhookSignature", () => {
  it("accepts sha256=<64 hex> only", () => {
    expect(parseWebhookSignature(`sha256=${"AB".repeat(32)}`)).toBe("ab".repeat(32));
    expect(parseWebhookSignature("sha1=abcd")).toBeUndefined();
    expect(parseWebhookSignature(`sha256=${"g".repeat(64)}`)).toBeUndefined();
  });
});
