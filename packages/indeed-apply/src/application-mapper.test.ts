import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { seedApplicationBytes } from "./fixtures/seed";
import { decodeBase64, mapIndeedApplication, parseJsonTolerantly, readIndeedApplication } from "./index";

const text = (name: "resume-upload" | "resume-fields" | "indeed-resume") =>
  new TextDecoder().decode(seedApplicationBytes(name));
const json = (name: "resume-upload" | "resume-fields" | "indeed-resume") => {
  const parsed = parseJsonTolerantly(text(name));
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
};
const options = { account: "tenant-1", clock: () => new Date("2026-11-21T00:00:00Z") };
const flagCodes = (flags: readonly { code: string }[] | undefined) => (flags ?? []).map((flag) => flag.code);

describe("tolerant reading of the seed's posted applications", () => {
  it("repairs the trailing comma of the seed's resume-fields example", () => {
    expect(() => JSON.parse(text("resume-fields"))).toThrow();
    const parsed = parseJsonTolerantly(text("resume-fields"));
    expect(parsed).toMatchObject({ ok: true, repaired: true });
    expect(parseJsonTolerantly("{not json")).toMatchObject({ ok: false });
    expect(parseJsonTolerantly('{"a":"x,}", "b":[1,2,],}')).toEqual({
      ok: true,
      repaired: true,
      value: { a: "x,}", b: [1, 2] },
    });
  });

  it("accepts the seed's spelling fullnamePronunciation", () => {
    expect(readIndeedApplication(json("resume-fields")).applicant.fullNamePronunciation).toBe("じょん どー");
  });

  it("maps the resume-upload example: person, job, source, answers, files", async () => {
    const { draft } = await mapIndeedApplication(json("resume-upload"), options);
    expect(draft.person).toEqual({
      name: { full: "Indeed Tester" },
      emails: ["Indeed.Tester@indeed.com"],
      phones: ["+123321-1111111"],
    });
    expect(draft.jobId).toBe("123456");
    expect(draft.externalId).toBe("2b806761c722b0bf431e67168a74bfaf4d67e6070d6ac0160cace3277f6b99df");
    expect(draft.appliedAt.toISOString()).toBe(new Date(1629153774243).toISOString());
    expect(draft.source).toEqual({
      provider: "indeed",
      account: "tenant-1",
      route: "normal",
      displayName: "Indeed",
      sponsored: false,
    });
    expect(draft.labels).toEqual(["indeed:organic"]);
    expect(draft.answers?.map((a) => [a.questionId, a.values])).toEqual([
      ["automation_exp", ["12"]],
      ["japanese", ["0"]],
      ["experience", ["Ice Cream"]],
      ["extra", ["www.testurl.com"]],
      ["multi", ["1", "2", "3"]],
      ["indeed:coverletter", ["Cover Letter of Indeed Tester for Your Company"]],
    ]);
    // The seed's sample resume data "VBeead131ERi0x" is not whole base64: flagged, not stored.
    expect(draft.files).toEqual([]);
    expect(flagCodes(draft.flags)).toEqual(["invalid_base64"]);
    expect(draft.flags?.[0]?.message).toMatch(/^\$\.applicant\.resume\.file\.data:/);
  });

  it("maps the resume-fields example: reading, birth date, gender, decoded resume", async () => {
    const { draft } = await mapIndeedApplication(json("resume-fields"), options);
    expect(draft.person.nameReading).toEqual({ full: "じょん どー" });
    expect(draft.person.birthDate).toBe("2000-01-20");
    expect(draft.person.gender).toBe("female");
    expect(draft.files).toHaveLength(1);
    expect(draft.files?.[0]).toMatchObject({
      kind: "resume",
      fileName: "resume.txt",
      contentType: "text/plain",
    });
    expect(new TextDecoder().decode(draft.files?.[0]?.bytes)).toBe("Hello!");
    expect(draft.externalId).toBeNull();
    expect(draft.labels).toEqual(["indeed:off-site"]);
    expect(flagCodes(draft.flags)).toEqual(["missing_application_id"]);
  });

  it("maps the Indeed-resume example with first and last names", async () => {
    const { draft } = await mapIndeedApplication(json("indeed-resume"), options);
    expect(draft.person.name).toEqual({ full: "Indeed Tester", family: "Tester", given: "Indeed" });
    expect(flagCodes(draft.flags)).toEqual(["invalid_base64"]);
  });

  it("reads anything without throwing; what is missing is empty and flagged", async () => {
    const { draft } = await mapIndeedApplication([1, 2], options);
    expect(flagCodes(draft.flags)).toEqual([
      "unexpected_payload",
      "missing_application_id",
      "missing_email",
      "missing_applied_at",
    ]);
    expect(draft.appliedAt.toISOString()).toBe("2026-11-21T00:00:00.000Z");
    expect(draft.jobId).toBeNull();
  });

  it("checks file types and sizes, deriving the content type from the name", async () => {
    const big = new Uint8Array(5 * 1024 * 1024 + 1);
    const b64 = Buffer.from(big).toString("base64");
    const { draft } = await mapIndeedApplication(
      {
        id: "x",
        appliedOnMillis: 1,
        applicant: {
          fullName: "A",
          email: "a@example.jp",
          resume: { file: { fileName: "cv.exe", contentType: "application/pdf", data: "SGVsbG8h" } },
        },
        questionsAndAnswers: {
          questionsAndAnswers: [
            {
              question: { id: "w", type: "file", question: "Work" },
              answer: { fileName: "a.PNG", contentType: "x", data: b64 },
            },
            {
              question: { id: "v", type: "file", question: "Work 2" },
              answer: { fileName: "b.png", contentType: "x", data: b64 },
            },
            {
              question: { id: "u", type: "file", question: "Work 3" },
              answer: { fileName: "c.png", contentType: "x", data: b64 },
            },
          ],
        },
      },
      options,
    );
    expect(draft.files?.map((f) => [f.fileName, f.contentType, f.kind])).toEqual([
      ["cv.exe", "application/pdf", "resume"],
      ["a.PNG", "image/png", "answer"],
      ["b.png", "image/png", "answer"],
      ["c.png", "image/png", "answer"],
    ]);
    expect(flagCodes(draft.flags)).toEqual([
      "file_type_not_allowed",
      "file_too_large",
      "file_too_large",
      "file_too_large",
      "application_files_too_large",
    ]);
    expect(draft.answers?.[0]?.values[0]).toMatch(/^sha256\/[0-9a-f]{64}$/);
  });

  it("uses an injected job mapping", async () => {
    const { draft } = await mapIndeedApplication(json("resume-upload"), {
      ...options,
      resolveJobId: (app) => `job-${app.job.jobMeta}`,
    });
    expect(draft.jobId).toBe("job-job-meta");
  });
});

describe("decodeBase64", () => {
  it("agrees with Buffer on any bytes, with and without line breaks", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const encoded = Buffer.from(bytes).toString("base64");
        expect(decodeBase64(encoded)).toEqual(new Uint8Array(bytes));
        expect(decodeBase64(encoded.replace(/(.{76})/g, "$1\r\n"))).toEqual(new Uint8Array(bytes));
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it("reads the URL-safe alphabet the same with and without the native fast path", () => {
    expect(decodeBase64("-_-_")).toEqual(new Uint8Array([0xfb, 0xff, 0xbf]));
    expect(decodeBase64("-_-_\n")).toEqual(new Uint8Array([0xfb, 0xff, 0xbf]));
  });

  it("rejects what is not base64", () => {
    for (const bad of ["VBeead131ERi0x", "a", "ab!c", "JVBERi0xL==", "ab=c", "あいう"])
      expect(decodeBase64(bad)).not.toBeInstanceOf(Uint8Array);
  });
});

describe("tolerance (fuzz)", () => {
  it("maps any JSON value without throwing, and flags what is missing", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.jsonValue(),
          fc.record(
            {
              applicant: fc.dictionary(
                fc.constantFrom(
                  "fullName",
                  "FULLNAME",
                  "email",
                  "resume",
                  "verified",
                  "gender",
                  "dateOfBirth",
                ),
                fc.jsonValue(),
              ),
              questionsAndAnswers: fc.jsonValue(),
              questions: fc.jsonValue(),
              job: fc.jsonValue(),
            },
            { requiredKeys: [] },
          ),
        ),
        async (value) => {
          const { draft } = await mapIndeedApplication(value, options);
          expect(draft.source.provider).toBe("indeed");
          expect(draft.raw).toBe(value);
          for (const flag of draft.flags ?? []) expect(flag.message.length).toBeGreaterThan(0);
        },
      ),
      { seed: 42, numRuns: 400 },
    );
  });
});

describe("decodeBase64 ownership", () => {
  it("returns bytes that own their whole buffer, also for small files", () => {
    for (const size of [3, 100, 5000, 100_000]) {
      const decoded = decodeBase64(Buffer.alloc(size, 7).toString("base64"));
      if (!(decoded instanceof Uint8Array)) throw new Error(decoded.message);
      expect(decoded.byteOffset).toBe(0);
      expect(decoded.buffer.byteLength).toBe(size);
    }
  });
});
