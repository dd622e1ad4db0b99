import {
  ApplicationRecorder,
  type AtsStores,
  CandidateMerger,
  ConflictError,
  NotFoundError,
  PossibleDuplicateDetector,
  parseJob,
  type WebhookInbox,
} from "@org/ats-core";
import { expect, it } from "vitest";

/**
 * The behaviour every implementation of the ats-core store ports must show, run against the
 * in-memory stores, PGlite (`pnpm test`) and PostgreSQL (`pnpm test:services`).
 */
export function storeContract(
  open: () => Promise<{ stores: AtsStores; other: AtsStores; inbox: WebhookInbox }>,
) {
  const NOW = new Date("2026-11-21T09:00:00+09:00");
  const job = parseJob({
    id: "job-1",
    title: "エンジニア",
    company: "サンプル",
    location: { region: "東京都" },
    status: "open",
    openedAt: "2026-10-01T00:00:00+09:00",
    pipeline: [{ id: "s1", name: "書類選考" }],
  });
  const draft = {
    person: {
      name: { full: "山田 太郎" },
      nameReading: { full: "やまだ たろう" },
      emails: ["taro@example.co.jp"],
      phones: ["090-1234-5678"],
      birthDate: "1995-04-01",
    },
    jobId: "job-1",
    source: { provider: "indeed", account: "acct", route: "normal" as const, displayName: "Indeed" },
    externalId: "ia-1",
    appliedAt: NOW,
    files: [
      {
        kind: "resume" as const,
        fileName: "cv.pdf",
        contentType: "application/pdf",
        bytes: new Uint8Array([37, 80, 68, 70]),
      },
    ],
    raw: { nested: { value: 1 } },
  };

  it("stores, finds and streams jobs; keeps tenants apart", async () => {
    const { stores, other } = await open();
    await stores.jobs.put(job);
    await stores.jobs.put({ ...job, id: "job-2", status: "closed", closedAt: NOW });
    expect(await stores.jobs.get("job-1")).toEqual(job);
    const listed = [];
    for await (const entry of stores.jobs.list()) listed.push(entry.id);
    expect(listed.sort()).toEqual(["job-1", "job-2"]);
    expect(await other.jobs.get("job-1")).toBeUndefined();
  });

  it("records an application with its candidate, files and index keys, and refuses it twice", async () => {
    const { stores, other } = await open();
    await stores.jobs.put(job);
    const recorder = new ApplicationRecorder({ stores, clock: () => NOW });
    const outcome = await recorder.record(draft);
    if (outcome.kind !== "stored") throw new Error("expected stored");
    expect(await stores.applications.get(outcome.application.id)).toEqual(outcome.application);
    expect(await stores.candidates.get(outcome.candidate.id)).toEqual(outcome.candidate);
    expect(
      await stores.applications.findByExternalId({ provider: "indeed", account: "acct", externalId: "ia-1" }),
    ).toEqual(outcome.application);
    expect(
      await stores.applications.findByContactEmailAndJob(
        "taro@example.co.jp",
        "job-1",
        new Date(NOW.getTime() - 1000),
      ),
    ).toHaveLength(1);
    expect(await stores.applications.listByCandidate(outcome.candidate.id)).toHaveLength(1);
    expect((await stores.blobs.get(outcome.application.attachments[0]!.storageKey))?.bytes).toEqual(
      new Uint8Array([37, 80, 68, 70]),
    );
    expect(await recorder.record(draft)).toMatchObject({ kind: "duplicate", rule: "same_external_id" });
    await expect(stores.applications.insert({ ...outcome.application, id: "another-id" })).rejects.toSatisfy(
      (error) => ConflictError.is(error),
    );
    await expect(stores.candidates.insert(outcome.candidate)).rejects.toSatisfy((error) =>
      ConflictError.is(error),
    );
    await expect(stores.candidates.update({ ...outcome.candidate, id: "missing" })).rejects.toSatisfy(
      (error) => NotFoundError.is(error),
    );
    // Another tenant's recorder sees none of it.
    await other.jobs.put(job);
    expect(await new ApplicationRecorder({ stores: other, clock: () => NOW }).record(draft)).toMatchObject({
      kind: "stored",
      possibleDuplicates: [],
    });
  });

  it("finds possible duplicates through the index and merges with undo", async () => {
    const { stores } = await open();
    await stores.jobs.put(job);
    const recorder = new ApplicationRecorder({ stores, clock: () => NOW });
    const first = await recorder.record(draft);
    const second = await recorder.record({
      ...draft,
      externalId: "ia-2",
      jobId: null,
      person: { ...draft.person, emails: ["taro.other@example.jp"] },
    });
    if (first.kind !== "stored" || second.kind !== "stored") throw new Error("expected stored");
    expect(second.possibleDuplicates.map((match) => match.candidateId)).toEqual([first.candidate.id]);
    const detector = new PossibleDuplicateDetector({ index: stores.candidateIndex });
    const merger = new CandidateMerger({ stores, detector, newId: () => "merge-1" });
    await merger.merge(first.candidate.id, second.candidate.id, { now: NOW });
    expect((await stores.candidates.get(first.candidate.id))?.emails).toEqual([
      "taro@example.co.jp",
      "taro.other@example.jp",
    ]);
    await merger.undo("merge-1", { now: NOW });
    expect(await stores.candidates.get(second.candidate.id)).toEqual(second.candidate);
    expect((await stores.merges.get("merge-1"))?.undoneAt).toEqual(NOW);
  });

  it("rolls a transaction back as a whole", async () => {
    const { stores } = await open();
    if (stores.transaction === undefined) return;
    await expect(
      stores.transaction(async (tx) => {
        await tx.jobs.put(job);
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    expect(await stores.jobs.get("job-1")).toBeUndefined();
  });

  it("keeps routing rules and webhook deliveries", async () => {
    const { stores, inbox } = await open();
    await stores.routingRules.put({
      rules: [{ id: "r1", enabled: true, when: {}, assign: { jobId: "job-1", labels: [] } }],
    });
    expect((await stores.routingRules.get())?.rules[0]?.id).toBe("r1");
    expect(await inbox.add({ id: "line:e1", provider: "line", receivedAt: NOW, body: "{}" })).toBe(true);
    expect(await inbox.add({ id: "line:e1", provider: "line", receivedAt: NOW, body: "{}" })).toBe(false);
    await inbox.markFailed("line:e1", "boom", NOW);
    expect(await inbox.pending({ provider: "line" })).toMatchObject([
      { id: "line:e1", status: "failed", attempts: 1, lastError: "boom" },
    ]);
    await inbox.markProcessed("line:e1", NOW);
    expect(await inbox.pending()).toEqual([]);
  });
}
