import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ApplicationSchema } from "./application";
import { ApplicationRecorder } from "./application-recorder";
import { type Candidate, CandidateSchema } from "./candidate";
import { CandidateMerger, closeAsDuplicate, POSSIBLE_DUPLICATE_FLAG } from "./duplicate-actions";
import { DuplicateApplicationDetector } from "./duplicate-application";
import { ConflictError, ValidationError } from "./errors";
import { createInMemoryStores, InMemoryCandidateIndex } from "./memory-stores";
import {
  candidateKeys,
  DEFAULT_MATCH_RULES,
  MAX_MATCHES_PER_KEY,
  matchCandidates,
  PossibleDuplicateDetector,
} from "./possible-duplicate";
import { NOW, sampleCandidate, sampleDraft, sampleJob } from "./test-fixtures";

function sequentialIds() {
  let next = 0;
  return () => `id-${++next}`;
}

async function setup() {
  const stores = createInMemoryStores();
  await stores.jobs.put(sampleJob());
  const recorder = new ApplicationRecorder({ stores, clock: () => NOW, newId: sequentialIds() });
  return { stores, recorder };
}

describe("PossibleDuplicateDetector", () => {
  it("finds the same person by each default rule and says which fields matched", async () => {
    const index = new InMemoryCandidateIndex();
    const detector = new PossibleDuplicateDetector({ index });
    await detector.add(sampleCandidate({ id: "known" }));

    const byEmail = await detector.check(
      sampleCandidate({
        id: "new",
        name: { full: "別人" },
        nameReading: undefined,
        phones: [],
        emails: ["TARO@example.co.jp"],
      }),
    );
    expect(byEmail).toEqual([
      {
        candidateId: "known",
        matches: [{ ruleId: "email", fields: [{ field: "email", value: "taro@example.co.jp" }] }],
      },
    ]);

    const byReading = await detector.check(
      sampleCandidate({
        id: "new",
        name: { full: "山田太郎" },
        nameReading: { full: "やまだ　たろう" },
        emails: [],
        phones: [],
      }),
    );
    expect(byReading[0]?.matches.map((match) => match.ruleId)).toEqual(["reading+birthDate"]);

    const byPhone = await detector.check(
      sampleCandidate({ id: "new", name: { full: "山田 太郎" }, nameReading: undefined, emails: [] }),
    );
    expect(byPhone[0]?.matches.map((match) => match.ruleId)).toEqual(["phone", "name+phone"]);
  });

  it("does not match on a reading alone, nor match a candidate with itself", async () => {
    const detector = new PossibleDuplicateDetector({ index: new InMemoryCandidateIndex() });
    await detector.add(sampleCandidate({ id: "known" }));
    expect(
      await detector.check(sampleCandidate({ id: "new", emails: [], phones: [], birthDate: "1990-01-01" })),
    ).toEqual([]);
    expect(await detector.check(sampleCandidate({ id: "known" }))).toEqual([]);
  });

  it("applies Gmail's rules when comparing e-mails", async () => {
    const detector = new PossibleDuplicateDetector({ index: new InMemoryCandidateIndex() });
    await detector.add(
      sampleCandidate({ id: "known", emails: ["taro.yamada@gmail.com"], phones: [], nameReading: undefined }),
    );
    const found = await detector.check(
      sampleCandidate({
        id: "new",
        emails: ["taroyamada+job@gmail.com"],
        phones: [],
        nameReading: undefined,
      }),
    );
    expect(found.map((match) => match.candidateId)).toEqual(["known"]);
  });

  it("takes configurable OR-of-AND rules and refuses bad ones", async () => {
    const detector = new PossibleDuplicateDetector({
      index: new InMemoryCandidateIndex(),
      rules: [{ id: "name+birth", fields: ["name", "birthDate"] }],
    });
    await detector.add(sampleCandidate({ id: "known", emails: [], phones: [] }));
    expect(
      await detector.check(
        sampleCandidate({ id: "new", name: { full: "髙田 花子" }, emails: [], phones: [] }),
      ),
    ).toEqual([]);
    expect(
      (await detector.check(sampleCandidate({ id: "new", emails: [], phones: [] })))[0]?.matches[0]?.ruleId,
    ).toBe("name+birth");
    expect(() => new PossibleDuplicateDetector({ index: new InMemoryCandidateIndex(), rules: [] })).toThrow(
      ValidationError,
    );
    expect(
      () =>
        new PossibleDuplicateDetector({
          index: new InMemoryCandidateIndex(),
          rules: [{ id: "x", fields: ["email", "email"] }],
        }),
    ).toThrow(/listed twice/);
  });

  it("reports at most MAX_MATCHES_PER_KEY candidates for a key many share", async () => {
    const detector = new PossibleDuplicateDetector({ index: new InMemoryCandidateIndex() });
    for (let i = 0; i < MAX_MATCHES_PER_KEY + 15; i++) {
      await detector.add(
        sampleCandidate({
          id: `agency-${i}`,
          emails: ["jobs@agency.example.jp"],
          phones: [],
          nameReading: undefined,
          name: { full: `応募者${i}` },
        }),
      );
    }
    const found = await detector.check(
      sampleCandidate({ id: "new", emails: ["jobs@agency.example.jp"], phones: [], nameReading: undefined }),
    );
    expect(found).toHaveLength(MAX_MATCHES_PER_KEY);
  });

  it("removing a candidate takes it out of the index", async () => {
    const detector = new PossibleDuplicateDetector({ index: new InMemoryCandidateIndex() });
    const known = sampleCandidate({ id: "known" });
    await detector.add(known);
    await detector.remove(known);
    expect(await detector.check(sampleCandidate({ id: "new" }))).toEqual([]);
  });

  it("makes one key per combination of each rule's field values, in rule order", () => {
    const candidate = sampleCandidate({
      // An invalid e-mail gives no key; two spellings of one Gmail mailbox give one.
      emails: ["not-an-email", "Taro.Yamada@gmail.com", "taroyamada+jobs@gmail.com", "taro@example.co.jp"],
      phones: ["+819012345678", "+81312345678"],
      name: { full: "髙橋 太郎" },
      nameReading: { full: "たかはし たろう" },
    });
    expect(candidateKeys(candidate, DEFAULT_MATCH_RULES)).toEqual([
      "email\u001femail=taroyamada@gmail.com",
      "email\u001femail=taro@example.co.jp",
      "phone\u001fphone=+819012345678",
      "phone\u001fphone=+81312345678",
      "reading+birthDate\u001fnameReading=タカハシタロウ\u001fbirthDate=1995-04-01",
      "name+phone\u001fname=高橋太郎\u001fphone=+819012345678",
      "name+phone\u001fname=高橋太郎\u001fphone=+81312345678",
    ]);
    // A rule with a field the candidate lacks gives no key; the others still do.
    expect(candidateKeys(sampleCandidate({ phones: [] }), DEFAULT_MATCH_RULES)).toEqual([
      "email\u001femail=taro@example.co.jp",
      "reading+birthDate\u001fnameReading=ヤマダタロウ\u001fbirthDate=1995-04-01",
    ]);
  });

  it("is symmetric (property)", () => {
    const candidate = fc.record({
      emails: fc.array(fc.constantFrom("a@example.jp", "A@example.jp", "b@gmail.com", "b+x@gmail.com"), {
        maxLength: 2,
      }),
      phones: fc.array(fc.constantFrom("+819012345678", "+819087654321"), { maxLength: 2 }),
      name: fc.constantFrom("山田 太郎", "山田太郎", "髙橋 花子", "高橋花子"),
      reading: fc.option(fc.constantFrom("やまだたろう", "ヤマダ タロウ", "タカハシ ハナコ"), {
        nil: undefined,
      }),
      birthDate: fc.option(fc.constantFrom("1995-04-01", "1990-01-01"), { nil: undefined }),
    });
    type Generated = {
      emails: string[];
      phones: string[];
      name: string;
      reading: string | undefined;
      birthDate: string | undefined;
    };
    const toCandidate = (id: string, value: Generated): Candidate => {
      const result: Candidate = {
        id,
        name: { full: value.name },
        emails: value.emails,
        phones: value.phones,
        labels: [],
        createdAt: NOW,
      };
      if (value.reading) result.nameReading = { full: value.reading };
      if (value.birthDate) result.birthDate = value.birthDate;
      return result;
    };
    fc.assert(
      fc.property(candidate, candidate, (a, b) => {
        const ab = matchCandidates(toCandidate("a", a), toCandidate("b", b), DEFAULT_MATCH_RULES)
          .map((match) => match.ruleId)
          .sort();
        const ba = matchCandidates(toCandidate("b", b), toCandidate("a", a), DEFAULT_MATCH_RULES)
          .map((match) => match.ruleId)
          .sort();
        expect(ab).toEqual(ba);
      }),
      { seed: 42, numRuns: 2000 },
    );
  });
});

describe("DuplicateApplicationDetector", () => {
  it("finds the same external id, and the same e-mail + job within the window only", async () => {
    const { stores, recorder } = await setup();
    await recorder.record(sampleDraft());
    const detector = new DuplicateApplicationDetector({ applications: stores.applications });
    const incoming = {
      source: { provider: "ambi", account: "ambi-login-1" },
      externalId: "A-1001",
      contactEmail: null,
      jobId: "job-eng",
      appliedAt: NOW,
    };
    expect(await detector.check(incoming)).toMatchObject({ duplicate: true, rule: "same_external_id" });
    expect(
      await detector.check({ ...incoming, source: { provider: "ambi", account: "other-login" } }),
    ).toEqual({ duplicate: false });

    const byEmail = { ...incoming, externalId: "other", contactEmail: "taro@example.co.jp" };
    expect(await detector.check(byEmail)).toMatchObject({ duplicate: true, rule: "same_email_and_job" });
    const later = new Date(new Date("2026-11-20T10:00:00+09:00").getTime() + 121 * 86_400_000);
    expect(await detector.check({ ...byEmail, appliedAt: later })).toEqual({ duplicate: false });
    expect(
      await new DuplicateApplicationDetector({ applications: stores.applications, windowDays: 200 }).check({
        ...byEmail,
        appliedAt: later,
      }),
    ).toMatchObject({ duplicate: true });
    expect(
      await new DuplicateApplicationDetector({
        applications: stores.applications,
        rules: ["same_external_id"],
      }).check(byEmail),
    ).toEqual({ duplicate: false });
    expect(
      () => new DuplicateApplicationDetector({ applications: stores.applications, windowDays: -1 }),
    ).toThrow(RangeError);
  });
});

describe("ApplicationRecorder", () => {
  it("normalises the person, places the application in the first stage and keeps the raw payload", async () => {
    const { stores, recorder } = await setup();
    const outcome = await recorder.record(sampleDraft());
    expect(outcome.kind).toBe("stored");
    if (outcome.kind !== "stored") return;
    expect(outcome.candidate).toMatchObject({
      emails: ["taro@example.co.jp"],
      phones: ["+819012345678"],
      birthDate: "1995-04-01",
      nameReading: { full: "ヤマダ タロウ" },
    });
    expect(outcome.application).toMatchObject({
      jobId: "job-eng",
      stageId: "screening",
      contactEmail: "taro@example.co.jp",
      raw: { row: ["山田 太郎", "1"] },
      flags: [],
    });
    expect(await stores.applications.get(outcome.application.id)).toEqual(outcome.application);
    // The recorder builds these without parsing: they must satisfy the schemas all the same.
    expect(ApplicationSchema.parse(outcome.application)).toEqual(outcome.application);
    expect(CandidateSchema.parse(outcome.candidate)).toEqual(outcome.candidate);
    // Stored as returned, with the person's fields first and the id and creation time last.
    const stored = (await stores.candidates.get(outcome.candidate.id))!;
    expect(stored).toEqual(outcome.candidate);
    expect(Object.keys(stored)).toEqual([
      "name",
      "emails",
      "phones",
      "labels",
      "nameReading",
      "birthDate",
      "id",
      "createdAt",
    ]);
  });

  it("skips the same application arriving again", async () => {
    const { stores, recorder } = await setup();
    await recorder.record(sampleDraft());
    const again = await recorder.record(sampleDraft());
    expect(again).toMatchObject({ kind: "duplicate", rule: "same_external_id" });
    expect(stores.applications.size).toBe(1);
    expect(stores.candidates.size).toBe(1);
  });

  it("flags a known person from another source as a possible duplicate, without merging", async () => {
    const { stores, recorder } = await setup();
    await recorder.record(sampleDraft());
    const second = await recorder.record(
      sampleDraft({
        source: { provider: "doda", account: "doda-1", route: "unknown", displayName: "doda (通常応募)" },
        externalId: "D-9",
        jobId: null,
        person: { name: { full: "山田太郎" }, emails: ["taro@example.co.jp"], phones: [] },
      }),
    );
    if (second.kind !== "stored") throw new Error("expected stored");
    expect(second.possibleDuplicates.map((match) => match.candidateId)).toEqual(["id-1"]);
    expect(second.application.flags.map((flag) => flag.code)).toEqual([
      "unassigned",
      POSSIBLE_DUPLICATE_FLAG,
    ]);
    expect(stores.candidates.size).toBe(2);
  });

  it("stores what fails validation and flags it instead of refusing", async () => {
    const { recorder } = await setup();
    const outcome = await recorder.record(
      sampleDraft({
        person: {
          name: { full: "  " },
          emails: ["not-an-email", "ok@example.jp"],
          phones: ["12"],
          birthDate: "1995-02-30",
        },
        jobId: "job-missing",
        flags: [{ code: "answer_too_long", message: "Answer q1 exceeds 100 characters" }],
      }),
    );
    if (outcome.kind !== "stored") throw new Error("expected stored");
    expect(outcome.application.flags.map((flag) => flag.code)).toEqual([
      "answer_too_long",
      "invalid_email",
      "invalid_phone",
      "missing_name",
      "invalid_birth_date",
      "unknown_job",
      "unassigned",
    ]);
    expect(outcome.candidate.emails).toEqual(["ok@example.jp"]);
    expect(outcome.application.jobId).toBeNull();
    expect(ApplicationSchema.safeParse(outcome.application).success).toBe(true);
    expect(CandidateSchema.safeParse(outcome.candidate).success).toBe(true);
  });

  it("keeps names as written (㈱, ①, 髙, full-width) and still matches them", async () => {
    const { recorder } = await setup();
    const outcome = await recorder.record(
      sampleDraft({ person: { name: { full: " ㈱元社員　①\u200b髙橋 " }, emails: [], phones: [] } }),
    );
    if (outcome.kind !== "stored") throw new Error("expected stored");
    expect(outcome.candidate.name.full).toBe("㈱元社員 ①髙橋");
  });

  it("stores files content-addressed", async () => {
    const { stores, recorder } = await setup();
    const bytes = new TextEncoder().encode("%PDF-1.4 resume");
    const outcome = await recorder.record(
      sampleDraft({
        files: [{ kind: "resume", fileName: "履歴書.pdf", contentType: "application/pdf", bytes }],
      }),
    );
    if (outcome.kind !== "stored") throw new Error("expected stored");
    const [attachment] = outcome.application.attachments;
    expect(attachment).toMatchObject({
      fileName: "履歴書.pdf",
      size: bytes.length,
      storageKey: `sha256/${attachment?.sha256}`,
    });
    expect((await stores.blobs.get(attachment!.storageKey))?.bytes).toEqual(bytes);
  });

  it("turns a lost race on the unique external id into a duplicate outcome", async () => {
    const { stores } = await setup();
    const a = new ApplicationRecorder({ stores, clock: () => NOW, newId: sequentialIds() });
    const b = new ApplicationRecorder({ stores, clock: () => NOW, newId: () => `b-${crypto.randomUUID()}` });
    const outcomes = await Promise.all([a.record(sampleDraft()), b.record(sampleDraft())]);
    expect(outcomes.map((outcome) => outcome.kind).sort()).toEqual(["duplicate", "stored"]);
    expect(stores.applications.size).toBe(1);
  });

  it("runs inside the stores' transaction when they offer one", async () => {
    const { stores } = await setup();
    const calls: string[] = [];
    const recorder = new ApplicationRecorder({
      stores: {
        ...stores,
        transaction: async (work) => {
          calls.push("begin");
          const result = await work(stores);
          calls.push("commit");
          return result;
        },
      },
      clock: () => NOW,
    });
    await recorder.record(sampleDraft());
    expect(calls).toEqual(["begin", "commit"]);
  });
});

describe("closing and merging duplicates", () => {
  it("closes an application as duplicate, keeping its history", async () => {
    const { recorder } = await setup();
    const outcome = await recorder.record(sampleDraft());
    if (outcome.kind !== "stored") throw new Error("expected stored");
    const closed = closeAsDuplicate(outcome.application, {
      duplicateOf: "app-0",
      by: "recruiter-1",
      now: NOW,
    });
    expect(closed).toMatchObject({ status: "closed", closedReason: "duplicate" });
    expect(closed.history.at(-1)).toMatchObject({
      action: "closed_as_duplicate",
      detail: { duplicateOf: "app-0", by: "recruiter-1" },
    });
    expect(() => closeAsDuplicate(closed, { now: NOW })).toThrow(ConflictError);
  });

  it("merges two candidates keeping everything, and undoes the merge exactly", async () => {
    const { stores, recorder } = await setup();
    const first = await recorder.record(sampleDraft());
    const second = await recorder.record(
      sampleDraft({
        externalId: "A-2002",
        person: {
          name: { full: "山田 太郎" },
          emails: ["taro.private@example.jp"],
          phones: ["080-1111-2222"],
        },
        labels: ["2027年卒"],
      }),
    );
    if (first.kind !== "stored" || second.kind !== "stored") throw new Error("expected stored");
    const detector = new PossibleDuplicateDetector({ index: stores.candidateIndex });
    const merger = new CandidateMerger({ stores, detector, newId: () => "merge-1" });
    const survivorBefore = await stores.candidates.get(first.candidate.id);

    const record = await merger.merge(first.candidate.id, second.candidate.id, {
      now: NOW,
      by: "recruiter-1",
      reason: "same e-mail",
    });
    const survivor = await stores.candidates.get(first.candidate.id);
    expect(survivor?.emails).toEqual(["taro@example.co.jp", "taro.private@example.jp"]);
    expect(survivor?.phones).toEqual(["+819012345678", "+818011112222"]);
    expect((await stores.candidates.get(second.candidate.id))?.mergedInto).toBe(first.candidate.id);
    expect((await stores.applications.listByCandidate(first.candidate.id)).map((a) => a.id).sort()).toEqual(
      [first.application.id, second.application.id].sort(),
    );
    expect(record.movedApplicationIds).toEqual([second.application.id]);
    // The survivor is now found by the merged candidate's phone.
    expect((await detector.check({ ...sampleCandidateWith("+818011112222") }))[0]?.candidateId).toBe(
      first.candidate.id,
    );
    await expect(merger.merge(first.candidate.id, second.candidate.id, { now: NOW })).rejects.toThrow(
      /already merged/,
    );

    await merger.undo("merge-1", { now: NOW });
    expect(await stores.candidates.get(first.candidate.id)).toEqual(survivorBefore);
    expect(await stores.candidates.get(second.candidate.id)).toEqual(second.candidate);
    expect((await stores.applications.get(second.application.id))?.candidateId).toBe(second.candidate.id);
    expect(
      (await stores.applications.get(second.application.id))?.history.map((entry) => entry.action),
    ).toEqual(["received", "moved_by_merge", "merge_undone"]);
    await expect(merger.undo("merge-1", { now: NOW })).rejects.toThrow(/already undone/);
    await expect(merger.merge("x", "x", { now: NOW })).rejects.toThrow(/itself/);
  });
});

function sampleCandidateWith(phone: string): Candidate {
  return sampleCandidate({
    id: "probe",
    name: { full: "別人" },
    nameReading: undefined,
    emails: [],
    phones: [phone],
  });
}
