import {
  type Application,
  ApplicationSchema,
  type Candidate,
  CandidateSchema,
  POSSIBLE_DUPLICATE_FLAG,
  type PossibleDuplicate,
} from "@org/ats-core";
import type { RunReport } from "@org/robo-import";
import type { SqlClient } from "../db/database";

/** An application with its candidate, for lists. */
export interface ApplicationRow {
  application: Application;
  candidate: Candidate;
}

/** How many applications the lists read at most (newest first); the reference app has no paging. */
export const LIST_LIMIT = 500;

/** The tenant's newest applications with their candidates (merged-away candidates left out). */
export async function recentApplications(db: SqlClient, tenantId: string): Promise<ApplicationRow[]> {
  const { rows } = await db.query<{ a: unknown; c: unknown }>(
    `SELECT a.data AS a, c.data AS c FROM applications a
       JOIN candidates c ON c.tenant_id = a.tenant_id AND c.id = a.candidate_id
      WHERE a.tenant_id = $1 ORDER BY a.applied_at DESC, a.id LIMIT $2`,
    [tenantId, LIST_LIMIT],
  );
  return rows
    .map((row) => ({ application: ApplicationSchema.parse(row.a), candidate: CandidateSchema.parse(row.c) }))
    .filter((row) => row.candidate.mergedInto === undefined);
}

/** The possible-duplicate matches of an application (the flag's data), empty when not flagged. */
export function duplicateMatches(application: Application): PossibleDuplicate[] {
  const flag = application.flags.find((entry) => entry.code === POSSIBLE_DUPLICATE_FLAG);
  const matches = flag?.data?.["matches"];
  return Array.isArray(matches) ? (matches as PossibleDuplicate[]) : [];
}

/** True for an active application still flagged as a possible duplicate. */
export function needsDuplicateReview(application: Application): boolean {
  return application.status === "active" && duplicateMatches(application).length > 0;
}

/** One stored import run. */
export interface ImportRunRow {
  id: string;
  trigger: string;
  startedAt: Date;
  finishedAt: Date;
  failed: boolean;
  report: RunReport;
}

/** The tenant's import runs, newest first. */
export async function importRuns(
  db: SqlClient,
  tenantId: string,
  options: { failedOnly?: boolean; limit?: number } = {},
): Promise<ImportRunRow[]> {
  const { rows } = await db.query<{
    id: string;
    trigger: string;
    started_at: Date;
    finished_at: Date;
    failed: boolean;
    report: RunReport;
  }>(
    `SELECT id, trigger, started_at, finished_at, failed, report FROM import_runs
      WHERE tenant_id = $1 ${options.failedOnly ? "AND failed" : ""} ORDER BY started_at DESC LIMIT $2`,
    [tenantId, options.limit ?? 50],
  );
  return rows.map((row) => ({
    id: row.id,
    trigger: row.trigger,
    startedAt: new Date(row.started_at),
    finishedAt: new Date(row.finished_at),
    failed: row.failed,
    report: row.report,
  }));
}
