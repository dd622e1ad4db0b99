import { describe, expect, it } from "vitest";
import { parseApplication, safeParseApplication } from "./application";
import { parseCandidate, safeParseCandidate } from "./candidate";
import { ValidationError } from "./errors";
import { parseEvent, parseReservation, safeParseEvent } from "./event";
import { firstStage, isJobAcceptingApplications, parseJob, safeParseJob } from "./job";
import { parseApplicationSource, safeParseApplicationSource } from "./source";
import { NOW, sampleJob } from "./test-fixtures";

describe("Job", () => {
  it("parses ISO dates and applies defaults", () => {
    const job = sampleJob();
    expect(job.openedAt).toBeInstanceOf(Date);
    expect(job.labels).toEqual([]);
    expect(firstStage(job).id).toBe("screening");
  });

  it("lists every failing path at once", () => {
    const result = safeParseJob({
      id: "",
      title: "x",
      location: { country: "Japan" },
      status: "paused",
      openedAt: "yesterday",
      pipeline: [],
    });
    expect(result.success).toBe(false);
    if (result.success) return;
    const paths = result.error.issues.map((issue) => issue.path.join("."));
    expect(paths).toEqual(
      expect.arrayContaining(["id", "company", "location.country", "status", "openedAt", "pipeline"]),
    );
    expect(result.error.message).toMatch(/Invalid job: \d+ problem/);
  });

  it("refuses duplicate stage ids and a closed job without closedAt", () => {
    expect(() =>
      sampleJob({
        pipeline: [
          { id: "a", name: "A" },
          { id: "a", name: "B" },
        ],
      }),
    ).toThrow(/Stage id "a" is used twice/);
    expect(() => sampleJob({ status: "closed" })).toThrow(/closedAt/);
    expect(() => parseJob(null)).toThrow(ValidationError);
  });

  it("knows whether it takes applications", () => {
    expect(isJobAcceptingApplications(sampleJob(), NOW)).toBe(true);
    expect(isJobAcceptingApplications(sampleJob({ expiresAt: "2026-11-01T00:00:00Z" }), NOW)).toBe(false);
    expect(
      isJobAcceptingApplications(sampleJob({ status: "closed", closedAt: "2026-11-02T00:00:00Z" }), NOW),
    ).toBe(false);
  });
});

describe("Candidate", () => {
  it("requires normalised e-mails and E.164 phones", () => {
    const result = safeParseCandidate({
      id: "c",
      name: { full: "A" },
      emails: ["nope"],
      phones: ["090-1234-5678"],
      createdAt: NOW,
      birthDate: "1995-02-30",
    });
    expect(result.success).toBe(false);
    if (!result.success)
      expect(result.error.issues.map((issue) => issue.path.join("."))).toEqual([
        "emails.0",
        "phones.0",
        "birthDate",
      ]);
    expect(parseCandidate({ id: "c", name: { full: "A" }, createdAt: NOW }).emails).toEqual([]);
  });
});

describe("Application and source", () => {
  const base = {
    id: "app-1",
    candidateId: "cand-1",
    jobId: null,
    stageId: null,
    source: { provider: "indeed", account: "tenant-1", route: "normal", displayName: "Indeed" },
    externalId: "ia-1",
    appliedAt: NOW,
    receivedAt: NOW,
    raw: { anything: true },
  };

  it("keeps the raw payload and defaults the rest", () => {
    const application = parseApplication(base);
    expect(application.raw).toEqual({ anything: true });
    expect(application.status).toBe("active");
    expect(application.flags).toEqual([]);
  });

  it("refuses a stage on an unassigned application and a closed one without reason", () => {
    const result = safeParseApplication({ ...base, stageId: "x", status: "closed" });
    expect(result.success).toBe(false);
    if (!result.success)
      expect(result.error.issues.map((issue) => issue.path.join("."))).toEqual(["stageId", "closedReason"]);
  });

  it("only knows three route kinds", () => {
    expect(parseApplicationSource(base.source).route).toBe("normal");
    expect(safeParseApplicationSource({ ...base.source, route: "referral" }).success).toBe(false);
  });
});

describe("Event and reservation", () => {
  it("parses and refuses", () => {
    expect(parseEvent({ id: "ev-1", title: "会社説明会", graduationYear: 2027 }).graduationYear).toBe(2027);
    expect(safeParseEvent({ id: "ev-1" }).success).toBe(false);
    const reservation = parseReservation({
      id: "r1",
      eventId: "ev-1",
      candidateId: "c1",
      provider: "mynavi-shinsotsu",
      externalId: "S-100",
      status: "reserved",
      reservedAt: NOW,
      updatedAt: NOW,
    });
    expect(reservation.status).toBe("reserved");
  });
});
