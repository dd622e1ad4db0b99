import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { seedApplicationBytes } from "./fixtures/seed";
import { IndeedApplicationSchema, parseJsonTolerantly, readIndeedApplication } from "./index";

const field = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom("true", "false", "123", " 42 "),
  fc.jsonValue(),
);
const file = fc.oneof(
  fc.record({ id: field, fileName: field, contentType: field, data: field }, { requiredKeys: [] }),
  field,
);
const applicant = fc.dictionary(
  fc.constantFrom(
    "fullName",
    "fullname",
    "FULLNAME",
    "email",
    "Email",
    "phoneNumber",
    "fullnamePronunciation",
    "fullNamePronunciation",
    "coverLetter",
    "verified",
    "gender",
    "dateOfBirth",
    "resume",
    "other",
  ),
  fc.oneof(
    field,
    fc.record(
      { file, text: field, html: field, json: fc.oneof(field, fc.dictionary(fc.string(), fc.jsonValue())) },
      { requiredKeys: [] },
    ),
  ),
);
const application = fc.record(
  {
    id: field,
    appliedOnMillis: field,
    locale: field,
    job: fc.oneof(
      field,
      fc.dictionary(fc.constantFrom("jobId", "jobKey", "jobTitle", "jobMeta", "x"), field),
    ),
    applicant: fc.oneof(field, applicant),
    analytics: fc.oneof(
      field,
      fc.dictionary(fc.constantFrom("sponsored", "targetedApplyAd", "ip", "advNum"), field),
    ),
    questions: fc.oneof(
      field,
      fc.record(
        { url: field, retrievedOnMillis: field, questions: field, answers: field },
        { requiredKeys: [] },
      ),
    ),
    questionsAndAnswers: fc.oneof(
      field,
      fc.record({ url: field, retrievedOnMillis: field, questionsAndAnswers: field }, { requiredKeys: [] }),
    ),
    extra: field,
  },
  { requiredKeys: [] },
);

describe("readIndeedApplication", () => {
  it("gives exactly what IndeedApplicationSchema gives, for any input (fuzz)", () => {
    fc.assert(
      fc.property(fc.oneof(application, fc.jsonValue(), fc.anything()), (value) => {
        expect(readIndeedApplication(value)).toEqual(IndeedApplicationSchema.parse(value));
      }),
      { seed: 42, numRuns: 1000 },
    );
  });

  it("agrees with the schema on the seed's three examples", () => {
    for (const name of ["resume-upload", "resume-fields", "indeed-resume"] as const) {
      const parsed = parseJsonTolerantly(new TextDecoder().decode(seedApplicationBytes(name)));
      if (!parsed.ok) throw new Error(parsed.message);
      expect(readIndeedApplication(parsed.value)).toEqual(IndeedApplicationSchema.parse(parsed.value));
    }
  });

  it("prefers the exact spelling when a key comes in two spellings", () => {
    expect(
      readIndeedApplication({ applicant: { fullName: "exact", fullname: "variant" } }).applicant.fullName,
    ).toBe("exact");
    expect(
      readIndeedApplication({ applicant: { fullname: "variant", fullName: "exact" } }).applicant.fullName,
    ).toBe("exact");
    expect(
      readIndeedApplication({ applicant: { verified: "true" }, appliedOnMillis: "1629153774243" }),
    ).toMatchObject({ applicant: { verified: true }, appliedOnMillis: 1629153774243 });
  });
});
