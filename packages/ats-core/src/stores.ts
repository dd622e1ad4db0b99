import type { Application } from "./application";
import type { BlobStore } from "./blob-store";
import type { Candidate } from "./candidate";
import type { Job } from "./job";
import type { MergeRecord } from "./merge-record";
import type { RoutingRuleSet } from "./routing-rules";

/**
 * Storage ports. Each instance holds one tenant's data: an ATS serving many companies builds one
 * set of stores per company (the in-memory ones here, SQL ones in the reference app). Every method
 * is async so that a database can stand behind it.
 */

/** Jobs of one tenant. */
export interface JobStore {
  get(id: string): Promise<Job | undefined>;
  /** Inserts or replaces. */
  put(job: Job): Promise<void>;
  /** Every job, streamed (a feed of hundreds of thousands of jobs must not be loaded at once). */
  list(): AsyncIterable<Job>;
}

/** Candidates of one tenant. */
export interface CandidateStore {
  get(id: string): Promise<Candidate | undefined>;
  /** Inserts a new candidate; rejects with a `ConflictError` when the id exists. */
  insert(candidate: Candidate): Promise<void>;
  /** Replaces an existing candidate; rejects with a `NotFoundError` when it does not exist. */
  update(candidate: Candidate): Promise<void>;
}

/** Identifies an application at its provider: (provider, account, external id). */
export interface ExternalApplicationKey {
  provider: string;
  account: string;
  externalId: string;
}

/** Applications of one tenant. */
export interface ApplicationStore {
  get(id: string): Promise<Application | undefined>;
  /**
   * Inserts a new application. Rejects with a `ConflictError` when the id exists, or when an
   * application with the same (provider, account, externalId) exists: the store's unique index,
   * not a prior lookup, is what makes concurrent deliveries of one application safe.
   */
  insert(application: Application): Promise<void>;
  /** Replaces an existing application; rejects with a `NotFoundError` when it does not exist. */
  update(application: Application): Promise<void>;
  listByCandidate(candidateId: string): Promise<Application[]>;
  findByExternalId(key: ExternalApplicationKey): Promise<Application | undefined>;
  /** Applications to `jobId` made with the normalised e-mail `email` at or after `since`. */
  findByContactEmailAndJob(email: string, jobId: string, since: Date): Promise<Application[]>;
}

/**
 * The possible-duplicate index: blocking keys → candidate ids, so a duplicate check is a few index
 * lookups instead of a scan. Keys come from `PossibleDuplicateDetector.keysFor()`.
 */
export interface CandidateIndex {
  add(candidateId: string, keys: readonly string[]): Promise<void>;
  remove(candidateId: string, keys: readonly string[]): Promise<void>;
  /** For each key that has entries, the candidate ids under it. Keys without entries are absent. */
  lookup(keys: readonly string[]): Promise<ReadonlyMap<string, readonly string[]>>;
}

/** The routing rule set of one tenant. */
export interface RoutingRuleStore {
  get(): Promise<RoutingRuleSet | undefined>;
  put(ruleSet: RoutingRuleSet): Promise<void>;
}

/** Records of candidate merges, kept so a merge can be undone. */
export interface MergeRecordStore {
  get(id: string): Promise<MergeRecord | undefined>;
  /** Inserts or replaces. */
  put(record: MergeRecord): Promise<void>;
}

/** The full set of stores for one tenant. */
export interface AtsStores {
  jobs: JobStore;
  candidates: CandidateStore;
  applications: ApplicationStore;
  candidateIndex: CandidateIndex;
  routingRules: RoutingRuleStore;
  merges: MergeRecordStore;
  blobs: BlobStore;
  /**
   * Runs `work` so that its writes are all kept or all undone (a database transaction), with
   * stores bound to that transaction. Optional: without it, writes happen one by one. The
   * in-memory stores run `work` directly.
   */
  transaction?<T>(work: (stores: AtsStores) => Promise<T>): Promise<T>;
}
