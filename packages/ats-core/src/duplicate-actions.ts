import type { Application } from "./application";
import type { Candidate } from "./candidate";
import { AtsError, ConflictError, NotFoundError } from "./errors";
import type { MergeRecord } from "./merge-record";
import type { PossibleDuplicate, PossibleDuplicateDetector } from "./possible-duplicate";
import { randomId } from "./random-id";
import type { AtsStores } from "./stores";

/** The flag code set on applications whose candidate may be someone already known. */
export const POSSIBLE_DUPLICATE_FLAG = "possible_duplicate";

/**
 * Returns `application` flagged as a possible duplicate, with the matching candidates and rules
 * in the flag's data (for the "why did these match" screen). Never merges anything.
 */
export function flagPossibleDuplicate(
  application: Application,
  matches: readonly PossibleDuplicate[],
  now: Date,
): Application {
  if (matches.length === 0) return application;
  const summary = matches
    .map((match) => `${match.candidateId} (${match.matches.map((rule) => rule.ruleId).join(", ")})`)
    .join("; ");
  return {
    ...application,
    flags: [
      ...application.flags.filter((flag) => flag.code !== POSSIBLE_DUPLICATE_FLAG),
      {
        code: POSSIBLE_DUPLICATE_FLAG,
        message: `May be the same person as ${summary}`,
        data: { matches: copyMatches(matches) },
        at: now,
      },
    ],
  };
}

// The flag keeps its own copy of the matches (the caller keeps the originals); structuredClone would
// cost about 100 µs for twenty matches, on the import hot path.
function copyMatches(matches: readonly PossibleDuplicate[]): PossibleDuplicate[] {
  return matches.map((match) => ({
    candidateId: match.candidateId,
    matches: match.matches.map((rule) => ({
      ruleId: rule.ruleId,
      fields: rule.fields.map((field) => ({ field: field.field, value: field.value })),
    })),
  }));
}

/** Options for {@link closeAsDuplicate}. */
export interface CloseAsDuplicateOptions {
  /** The application this one duplicates, if known. */
  duplicateOf?: string;
  /** Who closed it. */
  by?: string;
  now: Date;
}

/** Returns `application` closed as a duplicate, with a history entry; nothing is deleted. */
export function closeAsDuplicate(application: Application, options: CloseAsDuplicateOptions): Application {
  if (application.status === "closed") {
    throw new ConflictError(
      application.id,
      `Application ${application.id} is already closed (${application.closedReason})`,
    );
  }
  const detail: Record<string, unknown> = {};
  if (options.duplicateOf !== undefined) detail["duplicateOf"] = options.duplicateOf;
  if (options.by !== undefined) detail["by"] = options.by;
  return {
    ...application,
    status: "closed",
    closedReason: "duplicate",
    flags: application.flags.filter((flag) => flag.code !== POSSIBLE_DUPLICATE_FLAG),
    history: [...application.history, { at: options.now, action: "closed_as_duplicate", detail }],
  };
}

/** Dependencies of {@link CandidateMerger}. */
export interface CandidateMergerDeps {
  stores: Pick<AtsStores, "candidates" | "applications" | "merges">;
  /** Kept in step with merges, when given. */
  detector?: PossibleDuplicateDetector;
  /** Makes merge record ids. Default {@link randomId}. */
  newId?: () => string;
}

/** Options for {@link CandidateMerger.merge}. */
export interface MergeOptions {
  now: Date;
  by?: string;
  reason?: string;
}

/**
 * Merges two candidates into one, keeping everything: every e-mail, phone and label, every
 * application (moved to the survivor, with a history entry). The merged candidate is kept with
 * `mergedInto` set, and the merge is recorded so that {@link CandidateMerger.undo} restores both.
 */
export class CandidateMerger {
  private readonly deps: CandidateMergerDeps;
  private readonly newId: () => string;

  constructor(deps: CandidateMergerDeps) {
    this.deps = deps;
    this.newId = deps.newId ?? randomId;
  }

  /** Merges `mergedId` into `survivorId`; returns the record that undoes it. */
  async merge(survivorId: string, mergedId: string, options: MergeOptions): Promise<MergeRecord> {
    if (survivorId === mergedId)
      throw new ConflictError(survivorId, "A candidate cannot be merged into itself");
    const { candidates, applications, merges } = this.deps.stores;
    const survivor = await this.requireActive(survivorId);
    const merged = await this.requireActive(mergedId);

    const gainedEmails = merged.emails.filter((email) => !survivor.emails.includes(email));
    const gainedPhones = merged.phones.filter((phone) => !survivor.phones.includes(phone));
    const gainedLabels = merged.labels.filter((label) => !survivor.labels.includes(label));
    const gainsReading = survivor.nameReading === undefined && merged.nameReading !== undefined;
    const gainsBirthDate = survivor.birthDate === undefined && merged.birthDate !== undefined;
    const updatedSurvivor: Candidate = {
      ...survivor,
      emails: [...survivor.emails, ...gainedEmails],
      phones: [...survivor.phones, ...gainedPhones],
      labels: [...survivor.labels, ...gainedLabels],
    };
    if (gainsReading) updatedSurvivor.nameReading = merged.nameReading!;
    if (gainsBirthDate) updatedSurvivor.birthDate = merged.birthDate!;

    const record: MergeRecord = {
      id: this.newId(),
      survivorId,
      mergedId,
      at: options.now,
      mergedBefore: merged,
      gained: {
        emails: gainedEmails,
        phones: gainedPhones,
        labels: gainedLabels,
        nameReading: gainsReading,
        birthDate: gainsBirthDate,
      },
      movedApplicationIds: [],
    };
    if (options.by !== undefined) record.by = options.by;
    if (options.reason !== undefined) record.reason = options.reason;

    const moved = await applications.listByCandidate(mergedId);
    record.movedApplicationIds = moved.map((application) => application.id);
    // The record is written first: if anything below fails, undo() can still put things back.
    await merges.put(record);
    for (const application of moved) {
      await applications.update({
        ...application,
        candidateId: survivorId,
        history: [
          ...application.history,
          {
            at: options.now,
            action: "moved_by_merge",
            detail: { from: mergedId, to: survivorId, merge: record.id },
          },
        ],
      });
    }
    await this.reindex(survivor, updatedSurvivor);
    await candidates.update(updatedSurvivor);
    await this.deps.detector?.remove(merged);
    await candidates.update({ ...merged, mergedInto: survivorId });
    return record;
  }

  /** Undoes a merge: the merged candidate and its applications come back; the survivor loses what it gained. */
  async undo(mergeId: string, options: { now: Date }): Promise<void> {
    const { candidates, applications, merges } = this.deps.stores;
    const record = await merges.get(mergeId);
    if (record === undefined) throw new NotFoundError(mergeId, `No merge ${mergeId} is recorded`);
    if (record.undoneAt !== undefined)
      throw new ConflictError(
        mergeId,
        `Merge ${mergeId} was already undone at ${record.undoneAt.toISOString()}`,
      );
    const survivor = await candidates.get(record.survivorId);
    if (survivor === undefined)
      throw new NotFoundError(
        record.survivorId,
        `Survivor ${record.survivorId} of merge ${mergeId} no longer exists`,
      );

    const restoredSurvivor: Candidate = {
      ...survivor,
      emails: survivor.emails.filter((email) => !record.gained.emails.includes(email)),
      phones: survivor.phones.filter((phone) => !record.gained.phones.includes(phone)),
      labels: survivor.labels.filter((label) => !record.gained.labels.includes(label)),
    };
    if (record.gained.nameReading) delete restoredSurvivor.nameReading;
    if (record.gained.birthDate) delete restoredSurvivor.birthDate;

    for (const id of record.movedApplicationIds) {
      const application = await applications.get(id);
      // An application moved on since the merge (e.g. merged again) is left where it is.
      if (application === undefined || application.candidateId !== record.survivorId) continue;
      await applications.update({
        ...application,
        candidateId: record.mergedId,
        history: [
          ...application.history,
          { at: options.now, action: "merge_undone", detail: { merge: record.id } },
        ],
      });
    }
    await this.reindex(survivor, restoredSurvivor);
    await candidates.update(restoredSurvivor);
    await candidates.update(record.mergedBefore);
    await this.deps.detector?.add(record.mergedBefore);
    await merges.put({ ...record, undoneAt: options.now });
  }

  private async requireActive(id: string): Promise<Candidate> {
    const candidate = await this.deps.stores.candidates.get(id);
    if (candidate === undefined) throw new NotFoundError(id, `Candidate ${id} does not exist`);
    if (candidate.mergedInto !== undefined) {
      throw new AtsError(
        "conflict",
        `Candidate ${id} was already merged into ${candidate.mergedInto}; merge into that one instead`,
      );
    }
    return candidate;
  }

  private async reindex(before: Candidate, after: Candidate): Promise<void> {
    if (this.deps.detector === undefined) return;
    await this.deps.detector.remove(before);
    await this.deps.detector.add(after);
  }
}
