import type { Answer, Application, ApplicationFlag, Attachment } from "./application";
import { blobKeyOfHash, sha256Hex } from "./blob-store";
import type { Candidate, NameReading, PersonName } from "./candidate";
import { parseBirthDate } from "./dates";
import { flagPossibleDuplicate } from "./duplicate-actions";
import {
  type DuplicateApplicationDecision,
  DuplicateApplicationDetector,
  type DuplicateApplicationRule,
} from "./duplicate-application";
import { safeNormaliseEmail } from "./email";
import { ConflictError } from "./errors";
import { firstStage } from "./job";
import { normaliseReading } from "./kana";
import { safeNormalisePhone } from "./phone";
import {
  DEFAULT_MATCH_RULES,
  type MatchRule,
  type PossibleDuplicate,
  PossibleDuplicateDetector,
  parseMatchRules,
} from "./possible-duplicate";
import { randomId } from "./random-id";
import type { ApplicationSource } from "./source";
import type { AtsStores } from "./stores";
import { tidyText } from "./text";

/** The person behind an incoming application, as the source gave it (not yet normalised). */
export interface ApplicantDetails {
  name: PersonName;
  nameReading?: NameReading | undefined;
  /** E-mail addresses as received; normalised here, invalid ones become flags. */
  emails: readonly string[];
  /** Phone numbers as received; normalised to E.164 here, invalid ones become flags. */
  phones: readonly string[];
  /** Birth date as received: `1990-04-01`, `1990/4/1` or `1990年4月1日`. */
  birthDate?: string | undefined;
  gender?: Candidate["gender"] | undefined;
  labels?: readonly string[] | undefined;
}

/** A file that came with an application, with its bytes. */
export interface IncomingFile {
  kind: Attachment["kind"];
  fileName: string;
  contentType: string;
  bytes: Uint8Array;
}

/** An incoming application from any source (Indeed Apply, TopCV, a board import), before storing. */
export interface ApplicationDraft {
  person: ApplicantDetails;
  /** Region of phone numbers without a country code. Default `JP`. */
  phoneRegion?: string | undefined;
  /** The ATS job, or `null` for the unassigned queue. */
  jobId: string | null;
  /** The stage; default the job's first stage. */
  stageId?: string | undefined;
  /** Why the application is unassigned (e.g. the routing explanation), shown on its flag. */
  unassignedReason?: string | undefined;
  source: ApplicationSource;
  /** The provider's id of the application. */
  externalId: string | null;
  /** The e-mail the candidate applied with, as received; default the first e-mail. */
  contactEmail?: string | undefined;
  appliedAt: Date;
  answers?: readonly Answer[] | undefined;
  files?: readonly IncomingFile[] | undefined;
  labels?: readonly string[] | undefined;
  /** Findings of the caller's own validation: stored with the application, never a reason to refuse it. */
  flags?: readonly Omit<ApplicationFlag, "at">[] | undefined;
  /** The payload as received, kept for audit and re-mapping. */
  raw: unknown;
}

/** The outcome of {@link ApplicationRecorder.record}. */
export type RecordOutcome =
  | {
      kind: "stored";
      application: Application;
      candidate: Candidate;
      possibleDuplicates: PossibleDuplicate[];
    }
  | { kind: "duplicate"; rule: DuplicateApplicationRule; existing: Application; message: string };

/** Options for {@link ApplicationRecorder}. */
export interface ApplicationRecorderOptions {
  /** The tenant's stores. When they offer `transaction`, each application is stored atomically. */
  stores: AtsStores;
  /** Duplicate-application rules. Default both (`same_external_id`, `same_email_and_job`). */
  duplicateRules?: readonly DuplicateApplicationRule[];
  /** Window of the e-mail + job rule in days. Default 120. */
  windowDays?: number;
  /** Possible-duplicate matching rules. Default {@link DEFAULT_MATCH_RULES}. */
  matchRules?: readonly MatchRule[];
  clock?: () => Date;
  newId?: () => string;
}

/**
 * Stores incoming applications the same way for every source: normalises the person (invalid
 * e-mails, phones and birth dates are kept as flags, never a reason to refuse), skips the same
 * application arriving again, creates the candidate, flags possible duplicates of known people,
 * stores the files, and writes candidate, application and index entries together.
 *
 * It resolves only once everything is stored, so callers answer "received" (HTTP 200, a checkpoint
 * move) only after `record()` resolves.
 */
export class ApplicationRecorder {
  private readonly options: ApplicationRecorderOptions;
  private readonly matchRules: readonly MatchRule[];
  private readonly clock: () => Date;
  private readonly newId: () => string;
  private readonly duplicates: DuplicateApplicationDetector;
  // Without transactions every application uses the same index, so one detector serves them all.
  private readonly possibleDuplicates: PossibleDuplicateDetector | undefined;

  constructor(options: ApplicationRecorderOptions) {
    this.options = options;
    this.matchRules = parseMatchRules(options.matchRules ?? DEFAULT_MATCH_RULES);
    this.clock = options.clock ?? (() => new Date());
    this.newId = options.newId ?? randomId;
    // Built here, so that a wrong window fails at construction, not at the first application.
    this.duplicates = this.duplicateDetector(options.stores);
    this.possibleDuplicates = options.stores.transaction
      ? undefined
      : new PossibleDuplicateDetector({ index: options.stores.candidateIndex, rules: this.matchRules });
  }

  /** Stores one application, or reports it as a duplicate of one already stored. */
  async record(draft: ApplicationDraft): Promise<RecordOutcome> {
    const now = this.clock();
    const { stores } = this.options;
    const flags: ApplicationFlag[] = (draft.flags ?? []).map((flag) => ({ ...flag, at: now }));
    const person = normalisePerson(draft, flags, now);
    const contactEmail = contactEmailOf(draft, person.emails);

    let jobId = draft.jobId;
    let stageId: string | null = null;
    if (jobId !== null) {
      const job = await stores.jobs.get(jobId);
      if (job === undefined) {
        flags.push({
          code: "unknown_job",
          message: `Job "${jobId}" does not exist; the application waits in the unassigned queue`,
          data: { jobId },
          at: now,
        });
        jobId = null;
      } else if (draft.stageId !== undefined && !job.pipeline.some((stage) => stage.id === draft.stageId)) {
        flags.push({
          code: "unknown_stage",
          message: `Job "${jobId}" has no stage "${draft.stageId}"; placed in its first stage`,
          data: { stageId: draft.stageId },
          at: now,
        });
        stageId = firstStage(job).id;
      } else {
        stageId = draft.stageId ?? firstStage(job).id;
      }
    }
    if (jobId === null) {
      flags.push({
        code: "unassigned",
        message: draft.unassignedReason ?? "No job was given; assign the application by hand",
        at: now,
      });
    }

    const incoming = {
      source: draft.source,
      externalId: draft.externalId,
      contactEmail,
      jobId,
      appliedAt: draft.appliedAt,
    };
    const decision = await this.duplicates.check(incoming);
    if (decision.duplicate) return duplicateOutcome(decision);

    const attachments =
      draft.files === undefined || draft.files.length === 0
        ? []
        : await Promise.all(draft.files.map((file) => storeFile(stores, file)));
    // Built from normalised values and typed inputs, so valid by construction; the tests parse
    // what the recorder stores against the schemas. Parsing here would cost a third of an import.
    // The normalised person is this call's own object: it becomes the candidate, without a copy
    // (a spread of an object with properties added one by one is a slow, property-by-property clone).
    const candidate = person as Candidate;
    candidate.id = this.newId();
    candidate.createdAt = now;
    const store = async (tx: AtsStores): Promise<RecordOutcome> => {
      const detector =
        this.possibleDuplicates ??
        new PossibleDuplicateDetector({ index: tx.candidateIndex, rules: this.matchRules });
      const keys = detector.keysFor(candidate);
      const possibleDuplicates = await detector.check(candidate, keys);
      const application = flagPossibleDuplicate(
        {
          id: this.newId(),
          candidateId: candidate.id,
          jobId,
          stageId,
          source: draft.source,
          externalId: draft.externalId,
          contactEmail,
          appliedAt: draft.appliedAt,
          receivedAt: now,
          status: "active",
          attachments,
          answers: [...(draft.answers ?? [])],
          flags,
          history: [
            {
              at: now,
              action: "received",
              detail: { provider: draft.source.provider, route: draft.source.displayName },
            },
          ],
          labels: [...(draft.labels ?? [])],
          raw: draft.raw,
        },
        possibleDuplicates,
        now,
      );
      await tx.candidates.insert(candidate);
      await tx.applications.insert(application);
      await detector.add(candidate, keys);
      return { kind: "stored", application, candidate, possibleDuplicates };
    };
    try {
      return stores.transaction ? await stores.transaction(store) : await store(stores);
    } catch (error) {
      // Two deliveries of one application raced past the check: the store's unique index decided.
      if (ConflictError.is(error) && draft.externalId !== null) {
        const existing = await stores.applications.findByExternalId({
          ...draft.source,
          externalId: draft.externalId,
        });
        if (existing !== undefined) {
          return {
            kind: "duplicate",
            rule: "same_external_id",
            existing,
            message: `Application ${draft.externalId} was stored by a concurrent delivery as ${existing.id}`,
          };
        }
      }
      throw error;
    }
  }

  private duplicateDetector(stores: AtsStores): DuplicateApplicationDetector {
    const options: ConstructorParameters<typeof DuplicateApplicationDetector>[0] = {
      applications: stores.applications,
    };
    if (this.options.duplicateRules !== undefined) options.rules = this.options.duplicateRules;
    if (this.options.windowDays !== undefined) options.windowDays = this.options.windowDays;
    return new DuplicateApplicationDetector(options);
  }
}

function duplicateOutcome(
  decision: Extract<DuplicateApplicationDecision, { duplicate: true }>,
): RecordOutcome {
  return { kind: "duplicate", rule: decision.rule, existing: decision.existing, message: decision.message };
}

type NormalisedPerson = Omit<Candidate, "id" | "createdAt" | "mergedInto">;

function normalisePerson(draft: ApplicationDraft, flags: ApplicationFlag[], now: Date): NormalisedPerson {
  const { person } = draft;
  const emails: string[] = [];
  for (const raw of person.emails) {
    if (raw.trim() === "") continue;
    const result = safeNormaliseEmail(raw);
    if (result.success) {
      if (!emails.includes(result.data)) emails.push(result.data);
    } else
      flags.push({
        code: "invalid_email",
        message: `E-mail "${raw}" is not valid and was not added to the candidate`,
        data: { value: raw },
        at: now,
      });
  }
  const phones: string[] = [];
  for (const raw of person.phones) {
    if (raw.trim() === "") continue;
    const result = safeNormalisePhone(raw, { defaultRegion: draft.phoneRegion ?? "JP" });
    if (result.success) {
      if (!phones.includes(result.data)) phones.push(result.data);
    } else
      flags.push({
        code: "invalid_phone",
        message: `Phone "${raw}" is not valid and was not added to the candidate`,
        data: { value: raw },
        at: now,
      });
  }

  const fullName = tidyText(person.name.full ?? "");
  const name: PersonName = { full: fullName === "" ? "(no name)" : fullName };
  if (fullName === "")
    flags.push({ code: "missing_name", message: "The application came without a name", at: now });
  if (person.name.family?.trim()) name.family = tidyText(person.name.family);
  if (person.name.given?.trim()) name.given = tidyText(person.name.given);

  const labels = person.labels === undefined || person.labels.length === 0 ? [] : [...new Set(person.labels)];
  const normalised: NormalisedPerson = { name, emails, phones, labels };
  const reading = person.nameReading && normaliseReading(person.nameReading.full);
  if (reading) {
    normalised.nameReading = { full: reading };
    if (person.nameReading?.family?.trim())
      normalised.nameReading.family = normaliseReading(person.nameReading.family);
    if (person.nameReading?.given?.trim())
      normalised.nameReading.given = normaliseReading(person.nameReading.given);
  }
  if (person.birthDate !== undefined && person.birthDate.trim() !== "") {
    const birthDate = parseBirthDate(person.birthDate);
    if (birthDate === undefined) {
      flags.push({
        code: "invalid_birth_date",
        message: `Birth date "${person.birthDate}" is not a date (expected e.g. 1990-04-01)`,
        data: { value: person.birthDate },
        at: now,
      });
    } else normalised.birthDate = birthDate;
  }
  if (person.gender !== undefined) normalised.gender = person.gender;
  return normalised;
}

function contactEmailOf(draft: ApplicationDraft, emails: readonly string[]): string | null {
  if (draft.contactEmail !== undefined) {
    const result = safeNormaliseEmail(draft.contactEmail);
    if (result.success) return result.data;
  }
  return emails[0] ?? null;
}

async function storeFile(stores: AtsStores, file: IncomingFile): Promise<Attachment> {
  const sha256 = await sha256Hex(file.bytes);
  const storageKey = blobKeyOfHash(sha256);
  await stores.blobs.put(storageKey, file.bytes, file.contentType);
  return {
    storageKey,
    fileName: file.fileName,
    contentType: file.contentType,
    size: file.bytes.length,
    kind: file.kind,
    sha256,
  };
}
