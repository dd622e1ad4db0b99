import { ConfigurationError } from "@org/ats-core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { seedApplicationBytes } from "./fixtures/seed";
import { createIndeedApplyFetchHandler, createIndeedApplyIntake, handleIndeedApplication } from "./index";
import { NOW, SECRET, sign, tenant } from "./testing/intake-fixture";

const encoder = new TextEncoder();
const post = (body: Uint8Array | string, signature: string | null = sign(body)) => ({
  rawBody: body,
  headers: signature === null ? {} : { "x-indeed-signature": signature },
});
const application = (overrides: Record<string, unknown> = {}) =>
  JSON.stringify({
    id: "app-1",
    appliedOnMillis: NOW.getTime() - 60_000,
    job: { jobId: "123456", jobTitle: "Test Engineer" },
    applicant: {
      fullName: "山田 太郎",
      email: "taro@example.jp",
      phoneNumber: "090-1234-5678",
      verified: true,
    },
    analytics: { sponsored: true },
    ...overrides,
  });

describe("handleIndeedApplication with the seed's posted applications", () => {
  it("stores each seed example and answers 200 only after it is stored", async () => {
    const { stores, intake } = await tenant();
    for (const name of ["resume-upload", "resume-fields"] as const) {
      const body = seedApplicationBytes(name);
      const result = await handleIndeedApplication(post(body), intake);
      expect(result.status, name).toBe(200);
      const stored = await stores.applications.get(result.body.applicationId!);
      expect(stored?.source.provider).toBe("indeed");
      expect(stored?.flags.map((f) => f.code)).toEqual(result.body.flags);
    }
    const upload = await stores.applications.findByExternalId({
      provider: "indeed",
      account: "tenant-1",
      externalId: "2b806761c722b0bf431e67168a74bfaf4d67e6070d6ac0160cace3277f6b99df",
    });
    expect(upload?.jobId).toBe("123456");
    expect(upload?.answers.map((a) => a.questionId)).toContain("multi");
    // The seed's Indeed-resume example carries the same Indeed id as the resume-upload one: a redelivery.
    const redelivered = await handleIndeedApplication(post(seedApplicationBytes("indeed-resume")), intake);
    expect(redelivered.status).toBe(409);
    expect(redelivered.body.applicationId).toBe(upload?.id);
  });

  it("answers 409 to the same Indeed application id and to the same e-mail + job within 120 days", async () => {
    const { intake } = await tenant();
    expect((await handleIndeedApplication(post(application()), intake)).status).toBe(200);
    const again = await handleIndeedApplication(post(application()), intake);
    expect(again.status).toBe(409);
    expect(again.body.applicationId).toBe("id-2");
    const sameEmail = await handleIndeedApplication(post(application({ id: "app-2" })), intake);
    expect(sameEmail.status).toBe(409);
    const otherJob = await handleIndeedApplication(
      post(application({ id: "app-3", job: { jobId: "7775e2bc62b7f77e" } })),
      intake,
    );
    expect(otherJob.status).toBe(200);
  });

  it("stores answer files as attachments the answers point to", async () => {
    const { stores, intake } = await tenant();
    const body = application({
      id: "with-file",
      questionsAndAnswers: {
        questionsAndAnswers: [
          {
            question: { id: "work", type: "file", question: "Work sample", required: true },
            answer: { fileName: "sample.png", contentType: "image/png", data: "iVBORw0KGgo=" },
          },
        ],
      },
    });
    const result = await handleIndeedApplication(post(body), intake);
    expect(result.status).toBe(200);
    const stored = await stores.applications.get(result.body.applicationId!);
    const attachment = stored?.attachments.find((a) => a.kind === "answer");
    expect(attachment).toMatchObject({ fileName: "sample.png", contentType: "image/png", size: 8 });
    expect(stored?.answers.find((a) => a.questionId === "work")?.values).toEqual([attachment?.storageKey]);
    expect((await stores.blobs.get(attachment!.storageKey))?.bytes).toEqual(
      new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    );
  });

  it("answers 410 for a closed or expired job and stores nothing", async () => {
    const { stores, intake } = await tenant();
    for (const jobId of ["closed-job", "expired-job"]) {
      const result = await handleIndeedApplication(post(application({ id: jobId, job: { jobId } })), intake);
      expect(result.status).toBe(410);
      expect(
        await stores.applications.findByExternalId({
          provider: "indeed",
          account: "tenant-1",
          externalId: jobId,
        }),
      ).toBeUndefined();
    }
  });

  it("stores an unknown job's application unassigned, flagged", async () => {
    const { stores, intake } = await tenant();
    const result = await handleIndeedApplication(post(application({ job: { jobId: "nope" } })), intake);
    expect(result.status).toBe(200);
    const stored = await stores.applications.get(result.body.applicationId!);
    expect(stored?.jobId).toBeNull();
    expect(result.body.flags).toEqual(expect.arrayContaining(["unknown_job", "unassigned"]));
  });

  it("answers 401 for a missing, wrong or re-serialised signature, storing nothing", async () => {
    const { stores, intake } = await tenant();
    const body = '{ "id": "x",  "applicant": { "fullName": "A", "email": "a@example.jp" } }';
    expect((await handleIndeedApplication(post(body, null), intake)).status).toBe(401);
    expect((await handleIndeedApplication(post(body, sign(body, "another secret")), intake)).status).toBe(
      401,
    );
    expect((await handleIndeedApplication(post(body, "garbage"), intake)).status).toBe(401);
    const reserialised = await handleIndeedApplication(
      post(JSON.stringify(JSON.parse(body)), sign(body)),
      intake,
    );
    expect(reserialised.status).toBe(401);
    expect(reserialised.body.message).toMatch(/raw body/);
    expect(
      await stores.applications.findByExternalId({
        provider: "indeed",
        account: "tenant-1",
        externalId: "x",
      }),
    ).toBeUndefined();
  });

  it("stores signed content that fails validation, flagged, instead of refusing it", async () => {
    const { stores, intake } = await tenant();
    for (const body of [
      "not json at all",
      "[1,2,3]",
      '{"applicant":{"fullName":"A","email":"not-an-email","dateOfBirth":"yesterday"},"id":"bad"}',
      '{"id":"trunc","applicant":{"fullName":"A"',
    ]) {
      const result = await handleIndeedApplication(post(body), intake);
      expect(result.status, body).toBe(200);
      const stored = await stores.applications.get(result.body.applicationId!);
      expect(stored).toBeDefined();
    }
    const flagsOf = async (body: string) => (await handleIndeedApplication(post(body), intake)).body.flags;
    expect(await flagsOf("still not json")).toEqual(expect.arrayContaining(["unreadable_payload"]));
    expect(await flagsOf('{"id":"b2","applicant":{"email":"x@y"}, "appliedOnMillis": 1}')).toEqual(
      expect.arrayContaining(["invalid_email", "missing_name"]),
    );
  });

  it("handles truncated bodies, invalid base64 and enormous fields", async () => {
    const { stores, intake } = await tenant();
    const full = encoder.encode(application({ id: "trunc-1" }));
    // Indeed signed the whole body; a body cut in transit no longer matches.
    const truncated = await handleIndeedApplication(
      { rawBody: full.subarray(0, full.length - 20), headers: { "x-indeed-signature": sign(full) } },
      intake,
    );
    expect(truncated.status).toBe(401);
    const badResume = await handleIndeedApplication(
      post(
        application({
          id: "b64",
          applicant: {
            fullName: "A",
            email: "b64@example.jp",
            resume: { file: { fileName: "cv.pdf", data: "JVBERi0xL==" } },
          },
        }),
      ),
      intake,
    );
    expect(badResume).toMatchObject({
      status: 200,
      body: { flags: expect.arrayContaining(["invalid_base64"]) },
    });
    const enormous = await handleIndeedApplication(
      post(
        application({
          id: "big",
          applicant: {
            fullName: "名".repeat(1_000_000),
            email: "big@example.jp",
            coverletter: "x".repeat(2_000_000),
          },
        }),
      ),
      intake,
    );
    expect(enormous.status).toBe(200);
    const stored = await stores.applications.get(enormous.body.applicationId!);
    expect(stored?.answers.find((a) => a.questionId === "indeed:coverletter")?.values[0]).toHaveLength(
      2_000_000,
    );
  });

  it("answers 413 over the limit, whether declared or found while reading", async () => {
    const { intake } = await tenant({ maxBodyBytes: 1024 });
    const big = application({ applicant: { fullName: "x".repeat(2000), email: "a@example.jp" } });
    expect((await handleIndeedApplication(post(big), intake)).status).toBe(413);
    const declared = await handleIndeedApplication(
      {
        body: new Blob([big]).stream(),
        headers: { "x-indeed-signature": sign(big), "content-length": String(big.length) },
      },
      intake,
    );
    expect(declared).toMatchObject({ status: 413, closeConnection: true });
    // An endless body: detected after a little over the limit, without reading the rest.
    let pulled = 0;
    async function* endless() {
      for (;;) {
        pulled++;
        yield encoder.encode("x".repeat(100));
      }
    }
    const streamed = await handleIndeedApplication(
      { body: endless(), headers: { "x-indeed-signature": sign("x") } },
      intake,
    );
    expect(streamed.status).toBe(413);
    expect(pulled).toBe(11);
  });

  it("answers 503 when the body stream breaks off, and 500 when storing fails (so Indeed retries both)", async () => {
    const { intake, errors } = await tenant();
    async function* broken() {
      yield encoder.encode('{"id":');
      throw new Error("aborted");
    }
    expect(
      (
        await handleIndeedApplication(
          { body: broken(), headers: { "x-indeed-signature": sign("x") } },
          intake,
        )
      ).status,
    ).toBe(503);
    const failing = {
      ...intake,
      recorder: { record: async () => Promise.reject(new Error("database is down")) },
    };
    const result = await handleIndeedApplication(post(application()), failing);
    expect(result.status).toBe(500);
    expect(result.body.message).not.toMatch(/database/);
    expect(errors).toEqual([new Error("database is down")]);
  });

  it("refuses to be built with an empty secret", async () => {
    const { stores } = await tenant();
    const error = await createIndeedApplyIntake({ apiSecret: "", stores, account: "t" }).catch(
      (e: unknown) => e,
    );
    expect(ConfigurationError.is(error)).toBe(true);
  });

  it("never answers 200 without storing, whatever the body (fuzz)", async () => {
    const { stores, intake } = await tenant();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string(),
          fc.jsonValue().map((v) => JSON.stringify(v)),
          fc
            .record(
              {
                id: fc.string(),
                applicant: fc.record({
                  fullName: fc.string(),
                  email: fc.string(),
                  resume: fc.record({ file: fc.record({ fileName: fc.string(), data: fc.base64String() }) }),
                }),
                job: fc.record({ jobId: fc.constantFrom("123456", "closed-job", "", "x") }),
              },
              { requiredKeys: [] },
            )
            .map((v) => JSON.stringify(v)),
        ),
        fc.boolean(),
        async (body, signed) => {
          const result = await handleIndeedApplication(
            post(body, signed ? sign(body) : sign(`${body}!`)),
            intake,
          );
          expect([200, 401, 409, 410]).toContain(result.status);
          if (!signed) expect(result.status).toBe(401);
          if (result.status === 200)
            expect(await stores.applications.get(result.body.applicationId!)).toBeDefined();
        },
      ),
      { seed: 42, numRuns: 300 },
    );
  });
});

describe("no 500 for any signed content (fuzz)", () => {
  it("stores or refuses by rule every signed application, whatever its fields hold", async () => {
    const { intake, errors } = await tenant();
    const text = fc.oneof(
      fc.string(),
      fc.string({ unit: "grapheme" }),
      fc.constantFrom(
        "",
        " ",
        "じょん どー",
        "ジョン",
        "NONE",
        "MALE",
        "2000-01-20",
        "1990年4月1日",
        "+81 90 0000 0000",
        "a@b",
        "x@example.jp",
      ),
    );
    const applicant = fc.dictionary(
      fc.constantFrom(
        "fullName",
        "firstName",
        "lastName",
        "email",
        "phoneNumber",
        "fullnamePronunciation",
        "firstNamePronunciation",
        "lastNamePronunciation",
        "dateOfBirth",
        "gender",
        "coverletter",
        "verified",
      ),
      fc.oneof(text, fc.jsonValue()),
    );
    const answer = fc.oneof(
      text,
      fc.record({ value: text, label: text }),
      fc.array(fc.record({ value: text, label: text })),
      fc.jsonValue(),
    );
    const question = fc.record(
      {
        id: text,
        type: fc.constantFrom("text", "select", "multiselect", "date", "file", "hierarchical", "bogus"),
        question: text,
        required: fc.boolean(),
        format: fc.constantFrom("integer", "dd/MM/yyyy", "x"),
        options: fc.array(fc.record({ value: text, label: text })),
      },
      { requiredKeys: ["id", "type"] },
    );
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        applicant,
        fc.array(fc.record({ question, answer })),
        fc.constantFrom("123456", "nope", "", "closed-job"),
        async (person, pairs, jobId) => {
          const body = JSON.stringify({
            id: `fuzz-${++n}`,
            appliedOnMillis: NOW.getTime(),
            job: { jobId },
            applicant: person,
            questionsAndAnswers: { questionsAndAnswers: pairs },
          });
          const result = await handleIndeedApplication(post(body), intake);
          expect([200, 409, 410]).toContain(result.status);
        },
      ),
      { seed: 42, numRuns: 300 },
    );
    expect(errors).toEqual([]);
  });
});

describe("createIndeedApplyFetchHandler", () => {
  it("takes a Request and answers a Response", async () => {
    const { intake } = await tenant();
    const handler = createIndeedApplyFetchHandler(intake);
    const body = application();
    const response = await handler(
      new Request("https://ats.example.jp/indeed", {
        method: "POST",
        body,
        headers: { "X-Indeed-Signature": sign(body), "content-type": "application/json" },
      }),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, code: "stored" });
    expect((await handler(new Request("https://ats.example.jp/indeed"))).status).toBe(405);
    const bad = await handler(
      new Request("https://ats.example.jp/indeed", {
        method: "POST",
        body,
        headers: { "X-Indeed-Signature": sign("other") },
      }),
    );
    expect(bad.status).toBe(401);
  });

  it("is not fooled by an empty secret", async () => {
    const { stores } = await tenant();
    await expect(createIndeedApplyIntake({ apiSecret: "", stores, account: "t" })).rejects.toThrow(/empty/);
    expect(SECRET).not.toBe("");
  });
});
