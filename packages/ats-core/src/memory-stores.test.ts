import { describe, expect, it } from "vitest";
import { ApplicationRecorder } from "./application-recorder";
import { ConflictError } from "./errors";
import { createInMemoryStores, InMemoryCandidateIndex } from "./memory-stores";
import { NOW, sampleDraft, sampleJob } from "./test-fixtures";

async function recordedApplication() {
  const stores = createInMemoryStores();
  await stores.jobs.put(sampleJob());
  const recorder = new ApplicationRecorder({ stores, clock: () => new Date(NOW) });
  const outcome = await recorder.record(sampleDraft());
  if (outcome.kind !== "stored") throw new Error("expected the application to be stored");
  return { stores, outcome };
}

describe("in-memory stores", () => {
  it("copy in and out: changing what was stored or read, Dates and empty lists included, changes nothing stored", async () => {
    const { stores, outcome } = await recordedApplication();
    const { application, candidate } = outcome;
    application.receivedAt.setTime(0);
    application.labels.push("changed");
    candidate.createdAt.setTime(0);

    const read = (await stores.applications.get(application.id))!;
    expect(read.receivedAt).toEqual(NOW);
    expect(read.history[0]!.at).toEqual(NOW);
    expect(read.labels).toEqual([]);
    read.history[0]!.at.setTime(0);
    read.answers.push({ questionId: "q", answer: "x" } as never);
    read.attachments.push({} as never);

    const again = (await stores.applications.get(application.id))!;
    expect(again.receivedAt).toEqual(NOW);
    expect(again.history[0]!.at).toEqual(NOW);
    expect(again.answers).toEqual([]);
    expect(again.attachments).toEqual([]);
    expect(Object.isFrozen(again.answers)).toBe(false);
    expect((await stores.candidates.get(candidate.id))!.createdAt).toEqual(NOW);
  });

  it("shares only equal plain values between stored records, never a Date or Map for an empty object", async () => {
    const { stores, outcome } = await recordedApplication();
    const base = outcome.application;
    const first = { ...base, id: "a1", externalId: "x1", raw: { payload: {}, at: {} } };
    const second = {
      ...base,
      id: "a2",
      externalId: "x2",
      raw: { payload: new Map([["k", "v"]]), at: new Date(0) },
    };
    await stores.applications.insert(first);
    await stores.applications.insert(second);
    const read = (await stores.applications.get("a2"))!.raw as { payload: unknown; at: unknown };
    expect(read.payload).toEqual(new Map([["k", "v"]]));
    expect(read.at).toEqual(new Date(0));
    expect((await stores.applications.get("a1"))!.raw).toEqual({ payload: {}, at: {} });
  });

  it("shares a stored value only when its data is equal, to the nested instant, key and -0", async () => {
    const { stores, outcome } = await recordedApplication();
    const base = outcome.application;
    const later = new Date(NOW.getTime() + 1);
    const variants: Record<string, unknown>[] = [
      { history: [{ at: NOW, action: "received", detail: { route: "scout" } }], raw: { a: undefined } },
      { history: [{ at: NOW, action: "received", detail: { route: "application" } }], raw: { b: undefined } },
      { history: [{ at: later, action: "received", detail: { route: "scout" } }], raw: { a: undefined } },
      { history: [{ at: NOW, action: "received", detail: { route: "scout" } }], raw: { a: -0 } },
      { history: [{ at: NOW, action: "received", detail: { route: "scout" } }], raw: { a: 0 } },
    ];
    // Twice over, so that each variant meets equal and unequal recent values.
    for (const round of [1, 2])
      for (const [index, variant] of variants.entries())
        await stores.applications.insert({
          ...base,
          ...variant,
          id: `a${round}-${index}`,
          externalId: `x${round}-${index}`,
        });
    for (const round of [1, 2])
      for (const [index, variant] of variants.entries()) {
        const read = (await stores.applications.get(`a${round}-${index}`))!;
        expect(read.history).toEqual(variant["history"]);
        expect(Object.keys(read.raw as object)).toEqual(Object.keys(variant["raw"] as object));
        expect(Object.is((read.raw as { a?: number }).a, (variant["raw"] as { a?: number }).a)).toBe(true);
        // What is read is the reader's own: changing it changes nothing stored.
        read.history[0]!.at.setTime(0);
        (read.history[0]!.detail as Record<string, unknown>)["route"] = "changed";
      }
    expect((await stores.applications.get("a2-0"))!.history).toEqual(variants[0]!["history"]);
  });

  it("shares a stored list only when its items are equal, holes and -0 included", async () => {
    const { stores, outcome } = await recordedApplication();
    const holey: unknown[] = [1];
    holey[2] = 3; // index 1 is a hole
    const lists: unknown[][] = [holey, [1, undefined, 3], [0, 2], [-0, 2], [1, 2, 3], [1, 2]];
    for (const round of [1, 2])
      for (const [i, list] of lists.entries())
        await stores.applications.insert({
          ...outcome.application,
          id: `l${round}-${i}`,
          externalId: `l${round}-${i}`,
          raw: { list },
        });
    for (const round of [1, 2])
      for (const [i, list] of lists.entries()) {
        const read = ((await stores.applications.get(`l${round}-${i}`))!.raw as { list: unknown[] }).list;
        expect(read).toEqual(list);
        expect(read.map((_, index) => index in read)).toEqual(list.map((_, index) => index in list));
        expect(Object.is(read[0], list[0])).toBe(true);
      }
  });

  it("reads every record as stored when a property's values stop and start repeating", async () => {
    const { stores, outcome } = await recordedApplication();
    // 100 values that never repeat (the store then compares only now and then), then repeats.
    const raws = [
      ...Array.from({ length: 100 }, (_, i) => ({ row: i })),
      ...Array.from({ length: 40 }, (_, i) => ({ row: i % 2 })),
    ];
    for (const [i, raw] of raws.entries())
      await stores.applications.insert({ ...outcome.application, id: `r${i}`, externalId: `e${i}`, raw });
    for (const [i, raw] of raws.entries()) expect((await stores.applications.get(`r${i}`))!.raw).toEqual(raw);
  });

  it("answers a candidate index lookup that finds nothing with an empty map that refuses changes", async () => {
    const index = new InMemoryCandidateIndex();
    await index.add("c1", ["k1"]);
    const nothing = await index.lookup(["k2", "k3"]);
    expect(nothing.size).toBe(0);
    expect(() => (nothing as Map<string, readonly string[]>).set("k2", ["x"])).toThrow(TypeError);
    expect((await index.lookup(["k2"])).size).toBe(0);
    expect([...(await index.lookup(["k2", "k1"]))]).toEqual([["k1", ["c1"]]]);
  });

  it("indexes by external id, candidate and e-mail + job, and moves the entries on update", async () => {
    const { stores, outcome } = await recordedApplication();
    const { application } = outcome;
    const key = { ...application.source, externalId: application.externalId! };
    expect((await stores.applications.findByExternalId(key))?.id).toBe(application.id);
    expect(await stores.applications.findByExternalId({ ...key, account: "other" })).toBeUndefined();
    expect((await stores.applications.listByCandidate(application.candidateId)).map((a) => a.id)).toEqual([
      application.id,
    ]);
    const email = application.contactEmail!;
    const since = new Date(application.appliedAt.getTime() - 1);
    expect(await stores.applications.findByContactEmailAndJob(email, "job-eng", since)).toHaveLength(1);
    const later = new Date(application.appliedAt.getTime() + 1);
    expect(await stores.applications.findByContactEmailAndJob(email, "job-eng", later)).toHaveLength(0);

    await stores.applications.update({ ...application, jobId: null, externalId: "moved", candidateId: "c2" });
    expect(await stores.applications.findByExternalId(key)).toBeUndefined();
    expect((await stores.applications.findByExternalId({ ...key, externalId: "moved" }))?.id).toBe(
      application.id,
    );
    expect(await stores.applications.findByContactEmailAndJob(email, "job-eng", since)).toHaveLength(0);
    expect(await stores.applications.listByCandidate(application.candidateId)).toEqual([]);
    expect(await stores.applications.listByCandidate("c2")).toHaveLength(1);

    await expect(
      stores.applications.insert({ ...application, id: "other-id", externalId: "moved" }),
    ).rejects.toSatisfy((error) => ConflictError.is(error));

    // The same external id from another provider or account is another application.
    const elsewhere = [
      { ...application.source, provider: "other-board" },
      { ...application.source, account: "other-account" },
    ];
    for (const [i, source] of elsewhere.entries())
      await stores.applications.insert({ ...application, id: `elsewhere-${i}`, source, externalId: "moved" });
    for (const [i, source] of elsewhere.entries())
      expect((await stores.applications.findByExternalId({ ...source, externalId: "moved" }))?.id).toBe(
        `elsewhere-${i}`,
      );
  });
});
