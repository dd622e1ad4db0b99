import { z } from "zod";

/*
 * The application Indeed Apply posts (SPEC §2; seed 004_7a98198eda9710f9.txt, "JSON応募データ" and
 * "Indeed エントリーのJSONフィールド"). The seed asks for a robust reader: "JSONフィールドが未入力の場合、
 * 未入力フィールドを空白として扱い、認識されないフィールドを無視する堅牢なJSONパーサ". So every field here
 * falls back to empty instead of failing: a wrong type becomes "" / null / [], unknown fields stay in
 * the raw payload the ATS stores, and applicant keys are matched without regard to case, because the
 * seed's own example spells `fullnamePronunciation`.
 */

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** A string field: a number becomes its digits, anything else not a string becomes "". */
function toText(value: unknown): string {
  return typeof value === "string"
    ? value
    : typeof value === "number" && Number.isFinite(value)
      ? String(value)
      : "";
}
/** A boolean field: `true`/`false` or the strings "true"/"false"; anything else is `null` (unknown). */
function toFlag(value: unknown): boolean | null {
  return value === true || value === "true" ? true : value === false || value === "false" ? false : null;
}
/** Epoch milliseconds as a number or a string of digits; anything else is `null`. */
function toMillis(value: unknown): number | null {
  const n =
    typeof value === "number"
      ? value
      : typeof value === "string" && /^\d+$/.test(value.trim())
        ? Number(value)
        : Number.NaN;
  return Number.isFinite(n) ? n : null;
}
/** A list field: anything but an array becomes `[]`. */
function toList(value: unknown): unknown[] {
  return Array.isArray(value) ? (value as unknown[]) : [];
}

const Text = z.unknown().optional().transform(toText);
const Flag = z.unknown().optional().transform(toFlag);
const Millis = z.unknown().optional().transform(toMillis);
const List = z.unknown().optional().transform(toList);
/** An object field: anything but a plain object becomes `{}` before its own fields are read. */
const objectOf = <S extends z.ZodRawShape>(shape: S) =>
  z.preprocess((value) => (isRecord(value) ? value : {}), z.object(shape));

/** An object field that is `null` when absent or not an object. */
const nullableObjectOf = <S extends z.ZodRawShape>(shape: S) => {
  const inner = z.object(shape);
  return z
    .unknown()
    .optional()
    .transform((value): z.output<typeof inner> | null => (isRecord(value) ? inner.parse(value) : null));
};

/**
 * Re-keys an object by a canonical spelling when its keys differ only in case
 * (`fullnamePronunciation` → `fullNamePronunciation`, `coverLetter` → `coverletter`).
 */
function canonicalKeys(canonical: readonly string[]) {
  const byLowerCase = new Map(canonical.map((key) => [key.toLowerCase(), key]));
  return (value: unknown) => {
    if (!isRecord(value)) return {};
    const out: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(value)) {
      const name = byLowerCase.get(key.toLowerCase()) ?? key;
      // The exact spelling wins over a variant when both are present.
      if (!(name in out) || key === name) out[name] = field;
    }
    return out;
  };
}

/** A file as Indeed posts it: base64 `data`, `fileName`, `contentType` (derived by Indeed from the name). */
export const IndeedFileSchema = objectOf({ id: Text, fileName: Text, contentType: Text, data: Text });
/** See {@link IndeedFileSchema}. */
export type IndeedFile = z.infer<typeof IndeedFileSchema>;

const optionalFile = nullableObjectOf({ id: Text, fileName: Text, contentType: Text, data: Text });

/** The applicant's resume: an uploaded file and/or an Indeed resume (text, html, json). */
export const IndeedResumeSchema = objectOf({
  file: optionalFile,
  text: Text,
  html: Text,
  /** The Indeed resume as structured JSON (positions, educations, skills…), kept as posted. */
  json: z
    .unknown()
    .optional()
    .transform((value) => (isRecord(value) ? value : null)),
});

const APPLICANT_FIELDS = [
  "fullName",
  "firstName",
  "lastName",
  "email",
  "phoneNumber",
  "fullNamePronunciation",
  "firstNamePronunciation",
  "lastNamePronunciation",
  "dateOfBirth",
  "gender",
  "coverletter",
  "resume",
  "verified",
] as const;

/** The applicant; every field may be empty. */
export const IndeedApplicantSchema = z.preprocess(
  canonicalKeys(APPLICANT_FIELDS),
  z.object({
    fullName: Text,
    firstName: Text,
    lastName: Text,
    email: Text,
    phoneNumber: Text,
    fullNamePronunciation: Text,
    firstNamePronunciation: Text,
    lastNamePronunciation: Text,
    /** As posted, e.g. `2000-01-20`. */
    dateOfBirth: Text,
    /** `NONE`, `MALE` or `FEMALE` (Japan only), or "". */
    gender: Text,
    coverletter: Text,
    resume: IndeedResumeSchema,
    verified: Flag,
  }),
);

/** The job as configured in the feed's `indeed-apply-data`. */
export const IndeedJobSchema = objectOf({
  jobId: Text,
  jobKey: Text,
  jobTitle: Text,
  jobCompany: Text,
  jobLocation: Text,
  jobUrl: Text,
  jobMeta: Text,
});

/** Where the application came from; `sponsored` is null when the click did not happen on Indeed. */
export const IndeedAnalyticsSchema = objectOf({
  ip: Text,
  referer: Text,
  userAgent: Text,
  device: Text,
  targetedApplyAd: Flag,
  trackingUid: Text,
  sponsored: Flag,
  advNum: Text,
});

/** The legacy answer format: the questions, and the answers by id (to be retired by Indeed). */
export const LegacyQuestionsSchema = nullableObjectOf({
  url: Text,
  retrievedOnMillis: Millis,
  questions: List,
  answers: List,
});

/** The current answer format: question and answer side by side. */
export const QuestionsAndAnswersSchema = nullableObjectOf({
  url: Text,
  retrievedOnMillis: Millis,
  questionsAndAnswers: List,
});

/** An Indeed Apply application as posted, read tolerantly: parsing it never fails. */
export const IndeedApplicationSchema = objectOf({
  /** Indeed's application id ("" when absent, as in one of the seed's examples). */
  id: Text,
  appliedOnMillis: Millis,
  locale: Text,
  job: IndeedJobSchema,
  applicant: IndeedApplicantSchema,
  analytics: IndeedAnalyticsSchema,
  questions: LegacyQuestionsSchema,
  questionsAndAnswers: QuestionsAndAnswersSchema,
});
/** See {@link IndeedApplicationSchema}. */
export type IndeedApplication = z.infer<typeof IndeedApplicationSchema>;

const readApplicantKeys = canonicalKeys(APPLICANT_FIELDS);
const EMPTY: Record<string, unknown> = {};
const record = (value: unknown): Record<string, unknown> => (isRecord(value) ? value : EMPTY);

function readFile(value: unknown): IndeedFile | null {
  if (!isRecord(value)) return null;
  return {
    id: toText(value.id),
    fileName: toText(value.fileName),
    contentType: toText(value.contentType),
    data: toText(value.data),
  };
}

/**
 * Reads a parsed JSON value as an {@link IndeedApplication}. Never throws: what is missing is empty.
 *
 * Gives exactly what `IndeedApplicationSchema.parse` gives (a property test holds them equal), by
 * plain code: this runs on every application, and zod's per-field transforms cost more than the
 * JSON.parse of a typical post.
 */
export function readIndeedApplication(json: unknown): IndeedApplication {
  const root = record(json);
  const job = record(root.job);
  const applicant = readApplicantKeys(root.applicant);
  const resume = record(applicant.resume);
  const analytics = record(root.analytics);
  const legacy = root.questions;
  const current = root.questionsAndAnswers;
  return {
    id: toText(root.id),
    appliedOnMillis: toMillis(root.appliedOnMillis),
    locale: toText(root.locale),
    job: {
      jobId: toText(job.jobId),
      jobKey: toText(job.jobKey),
      jobTitle: toText(job.jobTitle),
      jobCompany: toText(job.jobCompany),
      jobLocation: toText(job.jobLocation),
      jobUrl: toText(job.jobUrl),
      jobMeta: toText(job.jobMeta),
    },
    applicant: {
      fullName: toText(applicant.fullName),
      firstName: toText(applicant.firstName),
      lastName: toText(applicant.lastName),
      email: toText(applicant.email),
      phoneNumber: toText(applicant.phoneNumber),
      fullNamePronunciation: toText(applicant.fullNamePronunciation),
      firstNamePronunciation: toText(applicant.firstNamePronunciation),
      lastNamePronunciation: toText(applicant.lastNamePronunciation),
      dateOfBirth: toText(applicant.dateOfBirth),
      gender: toText(applicant.gender),
      coverletter: toText(applicant.coverletter),
      resume: {
        file: readFile(resume.file),
        text: toText(resume.text),
        html: toText(resume.html),
        json: isRecord(resume.json) ? resume.json : null,
      },
      verified: toFlag(applicant.verified),
    },
    analytics: {
      ip: toText(analytics.ip),
      referer: toText(analytics.referer),
      userAgent: toText(analytics.userAgent),
      device: toText(analytics.device),
      targetedApplyAd: toFlag(analytics.targetedApplyAd),
      trackingUid: toText(analytics.trackingUid),
      sponsored: toFlag(analytics.sponsored),
      advNum: toText(analytics.advNum),
    },
    questions: isRecord(legacy)
      ? {
          url: toText(legacy.url),
          retrievedOnMillis: toMillis(legacy.retrievedOnMillis),
          questions: toList(legacy.questions),
          answers: toList(legacy.answers),
        }
      : null,
    questionsAndAnswers: isRecord(current)
      ? {
          url: toText(current.url),
          retrievedOnMillis: toMillis(current.retrievedOnMillis),
          questionsAndAnswers: toList(current.questionsAndAnswers),
        }
      : null,
  };
}
