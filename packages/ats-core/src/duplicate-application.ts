import type { Application } from "./application";
import type { ApplicationStore } from "./stores";

/** The two ways an application can be "the same application again". */
export type DuplicateApplicationRule = "same_external_id" | "same_email_and_job";

/** What a caller needs to know about an incoming application to check it. */
export interface IncomingApplication {
  source: { provider: string; account: string };
  externalId: string | null;
  /** Normalised e-mail the candidate applied with. */
  contactEmail: string | null;
  jobId: string | null;
  appliedAt: Date;
}

/** The outcome of a duplicate-application check: callers turn a duplicate into "skip" or HTTP 409. */
export type DuplicateApplicationDecision =
  | { duplicate: false }
  | { duplicate: true; rule: DuplicateApplicationRule; existing: Application; message: string };

/** Options for {@link DuplicateApplicationDetector}. */
export interface DuplicateApplicationOptions {
  applications: ApplicationStore;
  /** Which rules apply. Default both. Board imports use only `same_external_id`. */
  rules?: readonly DuplicateApplicationRule[];
  /** Window of the e-mail + job rule, in days. Default 120 (Indeed's rule, SPEC §2). */
  windowDays?: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Detects the same application arriving again: the same (provider, account, external id), or —
 * Indeed's rule — the same normalised e-mail to the same job within 120 days.
 */
export class DuplicateApplicationDetector {
  private readonly applications: ApplicationStore;
  private readonly rules: ReadonlySet<DuplicateApplicationRule>;
  private readonly windowMs: number;

  constructor(options: DuplicateApplicationOptions) {
    const windowDays = options.windowDays ?? 120;
    if (!Number.isFinite(windowDays) || windowDays < 0) {
      throw new RangeError(`windowDays must be a non-negative number of days, got ${windowDays}`);
    }
    this.applications = options.applications;
    this.rules = new Set(options.rules ?? ["same_external_id", "same_email_and_job"]);
    this.windowMs = windowDays * DAY_MS;
  }

  /** Checks one incoming application against what is stored. */
  async check(incoming: IncomingApplication): Promise<DuplicateApplicationDecision> {
    if (this.rules.has("same_external_id") && incoming.externalId !== null) {
      const existing = await this.applications.findByExternalId({
        provider: incoming.source.provider,
        account: incoming.source.account,
        externalId: incoming.externalId,
      });
      if (existing !== undefined) {
        return {
          duplicate: true,
          rule: "same_external_id",
          existing,
          message: `Application ${incoming.externalId} from ${incoming.source.provider} (${incoming.source.account}) was already received as ${existing.id}`,
        };
      }
    }
    if (this.rules.has("same_email_and_job") && incoming.contactEmail !== null && incoming.jobId !== null) {
      const since = new Date(incoming.appliedAt.getTime() - this.windowMs);
      const [existing] = await this.applications.findByContactEmailAndJob(
        incoming.contactEmail,
        incoming.jobId,
        since,
      );
      if (existing !== undefined) {
        return {
          duplicate: true,
          rule: "same_email_and_job",
          existing,
          message: `${incoming.contactEmail} already applied to job ${incoming.jobId} on ${existing.appliedAt.toISOString()} (within ${this.windowMs / DAY_MS} days)`,
        };
      }
    }
    return { duplicate: false };
  }
}
