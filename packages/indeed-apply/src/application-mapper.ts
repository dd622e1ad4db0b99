import {
  type Answer,
  type ApplicationDraft,
  type ApplicationSource,
  blobKeyFor,
  type IncomingFile,
} from "@org/ats-core";
import { checkAnswers, type IndeedAnswers, readIndeedAnswers } from "./answers";
import { type IndeedApplication, type IndeedFile, readIndeedApplication } from "./application-payload";
import { decodeBase64 } from "./base64";
import {
  ANSWER_FILE_EXTENSIONS,
  contentTypeFromFileName,
  fileExtension,
  RESUME_EXTENSIONS,
} from "./content-type";
import { toJsonPath } from "./json-path";

/*
 * File limits from seed 004_7a98198eda9710f9.txt ("file": "ファイルの最大サイズ:5MB。応募ごとの最大合計
 * サイズは15MBです(履歴書ファイルを含む)"). Breaking them is flagged, not refused: Indeed asks partners to
 * validate downstream of the POST ("求人内容の検証と応募資格の無効化は、POSTのダウンストリームで行う必要").
 */

/** Largest file Indeed sends, in bytes. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
/** Largest total of files in one application (resume included), in bytes. */
export const MAX_APPLICATION_FILE_BYTES = 15 * 1024 * 1024;

/** A validation finding to store on the application (ats-core flag without its timestamp). */
export interface IntakeFlag {
  /** A stable reason, e.g. `invalid_base64`. */
  code: string;
  /** What was found, with its JSON path. */
  message: string;
  /** Details, e.g. `{ path: "$.applicant.email" }`. */
  data?: Record<string, unknown>;
}

/** Settings of the mapping from an Indeed application to an ats-core application draft. */
export interface IndeedApplicationMappingOptions {
  /** The tenant's Indeed account (e.g. the Indeed Apply client id); with Indeed's id it identifies the application. */
  account: string;
  /**
   * Maps the posted job to the ATS job id (`null` for the unassigned queue). Default: `job.jobId` is
   * the ATS job id, as written in the feed's `indeed-apply-jobId`.
   */
  resolveJobId?: (application: IndeedApplication) => string | null;
  /** The route name reports count by. Default `Indeed`. */
  displayName?: string;
  /** Region of phone numbers without a country code. Default `JP`. */
  phoneRegion?: string;
  /** Used for `appliedAt` when the post has no `appliedOnMillis`. Default now. */
  clock?: () => Date;
}

/** The result of {@link mapIndeedApplication}. */
export interface MappedIndeedApplication {
  /** The payload as read (tolerantly). */
  application: IndeedApplication;
  /** The screening answers, normalised. */
  answers: IndeedAnswers;
  /** What to give ats-core's `ApplicationRecorder.record()`. */
  draft: ApplicationDraft;
}

/** The default job mapping: `job.jobId` (the feed's `indeed-apply-jobId`) is the ATS job id. */
export function defaultResolveJobId(application: IndeedApplication): string | null {
  const id = application.job.jobId.trim();
  return id === "" ? null : id;
}

const GENDERS: Record<string, "male" | "female" | "unspecified"> = {
  MALE: "male",
  FEMALE: "female",
  NONE: "unspecified",
};

function join(...parts: string[]): string {
  return parts
    .map((part) => part.trim())
    .filter((part) => part !== "")
    .join(" ");
}

function decodeFile(
  file: IndeedFile,
  kind: "resume" | "answer",
  path: (string | number)[],
  flags: IntakeFlag[],
): IncomingFile | undefined {
  const at = toJsonPath(path);
  const fileName =
    file.fileName.trim() === "" ? (kind === "resume" ? "resume" : "answer") : file.fileName.trim();
  if (file.data === "") {
    flags.push({
      code: "empty_file",
      message: `${at}: "${fileName}" came without data`,
      data: { path: at, fileName },
    });
    return undefined;
  }
  const bytes = decodeBase64(file.data);
  if (!(bytes instanceof Uint8Array)) {
    flags.push({
      code: "invalid_base64",
      message: `${at}.data: "${fileName}" is not valid base64 (${bytes.message}); the file was not stored, the raw payload keeps it`,
      data: { path: `${at}.data`, fileName },
    });
    return undefined;
  }
  const allowed = kind === "resume" ? RESUME_EXTENSIONS : ANSWER_FILE_EXTENSIONS;
  const extension = fileExtension(fileName);
  if (!allowed.includes(extension)) {
    flags.push({
      code: "file_type_not_allowed",
      message: `${at}: "${fileName}" is not one of ${allowed.join(", ")}`,
      data: { path: at, fileName },
    });
  }
  if (bytes.length > MAX_FILE_BYTES) {
    flags.push({
      code: "file_too_large",
      message: `${at}: "${fileName}" is ${bytes.length} bytes; Indeed allows 5 MB per file`,
      data: { path: at, fileName, size: bytes.length },
    });
  }
  const contentType =
    contentTypeFromFileName(fileName) ?? (file.contentType.trim() || "application/octet-stream");
  return { kind, fileName, contentType, bytes };
}

/**
 * Maps a posted Indeed application (the parsed JSON) to an ats-core application draft: the person,
 * source `indeed` with organic/sponsored from analytics, the resume and answer files (decoded and
 * checked), the screening answers in one shape, and every problem found as a flag. It never throws
 * on content: what is missing is empty and flagged.
 */
export async function mapIndeedApplication(
  json: unknown,
  options: IndeedApplicationMappingOptions,
): Promise<MappedIndeedApplication> {
  const application = readIndeedApplication(json);
  const { applicant, analytics, job } = application;
  const flags: IntakeFlag[] = [];
  const now = (options.clock ?? (() => new Date()))();

  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    flags.push({
      code: "unexpected_payload",
      message: "The body is JSON but not an object; nothing could be read from it",
      data: {},
    });
  }
  if (application.id === "")
    flags.push({
      code: "missing_application_id",
      message: "The post has no id: a redelivery cannot be recognised as such",
      data: { path: "$.id" },
    });
  if (applicant.email.trim() === "")
    flags.push({
      code: "missing_email",
      message: "The applicant has no e-mail (Indeed marks it required)",
      data: { path: "$.applicant.email" },
    });
  if (applicant.verified === false)
    flags.push({
      code: "email_not_verified",
      message: "Indeed could not verify that the applicant owns this e-mail address",
      data: { path: "$.applicant.verified" },
    });
  let appliedAt = now;
  if (application.appliedOnMillis === null) {
    flags.push({
      code: "missing_applied_at",
      message: "The post has no appliedOnMillis; the time it was received is used",
      data: { path: "$.appliedOnMillis" },
    });
  } else appliedAt = new Date(application.appliedOnMillis);

  const files: IncomingFile[] = [];
  if (applicant.resume.file !== null) {
    const resume = decodeFile(applicant.resume.file, "resume", ["applicant", "resume", "file"], flags);
    if (resume) files.push(resume);
  }

  const answers = readIndeedAnswers(application);
  for (const finding of [...answers.findings, ...checkAnswers(answers.questions, answers.answers)]) {
    flags.push({
      code: finding.code,
      message: `${finding.path}: ${finding.message}`,
      data: { path: finding.path },
    });
  }
  const atsAnswers: Answer[] = [];
  for (const answer of answers.answers) {
    const values = [...answer.values];
    for (const [index, file] of answer.files.entries()) {
      const incoming = decodeFile(
        file,
        "answer",
        [...answer.segments, ...(answer.files.length > 1 ? [index] : [])],
        flags,
      );
      if (incoming === undefined) continue;
      files.push(incoming);
      values.push(await blobKeyFor(incoming.bytes));
    }
    const atsAnswer: Answer = { questionId: answer.questionId, values };
    const question = answer.question;
    if (question !== undefined && "question" in question && question.question !== undefined)
      atsAnswer.question = question.question;
    if (answer.labels !== undefined) atsAnswer.labels = answer.labels;
    atsAnswers.push(atsAnswer);
  }
  if (applicant.coverletter.trim() !== "") {
    atsAnswers.push({
      questionId: "indeed:coverletter",
      question: "Cover letter",
      values: [applicant.coverletter],
    });
  }
  const totalBytes = files.reduce((sum, file) => sum + file.bytes.length, 0);
  if (totalBytes > MAX_APPLICATION_FILE_BYTES) {
    flags.push({
      code: "application_files_too_large",
      message: `The files total ${totalBytes} bytes; Indeed allows 15 MB per application`,
      data: { size: totalBytes },
    });
  }

  const source: ApplicationSource = {
    provider: "indeed",
    account: options.account,
    route: "normal",
    displayName: options.displayName ?? "Indeed",
  };
  if (analytics.sponsored !== null) source.sponsored = analytics.sponsored;
  const labels = [
    analytics.sponsored === true
      ? "indeed:sponsored"
      : analytics.sponsored === false
        ? "indeed:organic"
        : "indeed:off-site",
  ];
  if (analytics.targetedApplyAd === true) labels.push("indeed:targeted-apply-ad");

  const fullName = applicant.fullName.trim() || join(applicant.lastName, applicant.firstName);
  const reading =
    applicant.fullNamePronunciation.trim() ||
    join(applicant.lastNamePronunciation, applicant.firstNamePronunciation);
  const draft: ApplicationDraft = {
    person: {
      name: {
        full: fullName,
        ...(applicant.lastName.trim() ? { family: applicant.lastName } : {}),
        ...(applicant.firstName.trim() ? { given: applicant.firstName } : {}),
      },
      emails: applicant.email.trim() === "" ? [] : [applicant.email],
      phones: applicant.phoneNumber.trim() === "" ? [] : [applicant.phoneNumber],
    },
    phoneRegion: options.phoneRegion ?? "JP",
    jobId: (options.resolveJobId ?? defaultResolveJobId)(application),
    source,
    externalId: application.id.trim() === "" ? null : application.id.trim(),
    appliedAt,
    answers: atsAnswers,
    files,
    labels,
    flags,
    raw: json,
  };
  if (reading !== "") {
    draft.person.nameReading = {
      full: reading,
      ...(applicant.lastNamePronunciation.trim() ? { family: applicant.lastNamePronunciation } : {}),
      ...(applicant.firstNamePronunciation.trim() ? { given: applicant.firstNamePronunciation } : {}),
    };
  }
  if (applicant.dateOfBirth.trim() !== "") draft.person.birthDate = applicant.dateOfBirth;
  const gender = GENDERS[applicant.gender.trim().toUpperCase()];
  if (gender !== undefined) draft.person.gender = gender;
  if (applicant.email.trim() !== "") draft.contactEmail = applicant.email;
  if (job.jobId.trim() !== "" && draft.jobId === null) {
    flags.push({
      code: "job_not_mapped",
      message: `Indeed job "${job.jobId}" (${job.jobTitle}) maps to no ATS job; the application waits in the unassigned queue`,
      data: { jobId: job.jobId },
    });
  }
  return { application, answers, draft };
}
