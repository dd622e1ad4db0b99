import type { Application } from "./application";
import { InMemoryBlobStore } from "./blob-store";
import type { Candidate } from "./candidate";
import { ConflictError, NotFoundError } from "./errors";
import type { Job } from "./job";
import type { MergeRecord } from "./merge-record";
import type { RoutingRuleSet } from "./routing-rules";
import type {
  ApplicationStore,
  AtsStores,
  CandidateIndex,
  CandidateStore,
  ExternalApplicationKey,
  JobStore,
  MergeRecordStore,
  RoutingRuleStore,
} from "./stores";

/*
 * In-memory implementations of the storage ports, for tests, demos and single-process tools.
 * Values are copied in and out so that, as with a database, changing an object after storing it
 * does not change what is stored.
 */

/**
 * Deep copy of the model's plain data (objects, arrays, Dates, primitives). Several times faster
 * than structuredClone for these small records, which matters on the import hot path; anything
 * else (a Map in a raw payload) falls back to structuredClone.
 */
function copy<T>(value: T): T {
  if (typeof value !== "object" || value === null) return value;
  if (value instanceof Date) return new Date(value.getTime()) as T;
  if (Array.isArray(value)) return value.map(copy) as T;
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return structuredClone(value);
  const out: Record<string, unknown> = {};
  for (const key in value) out[key] = copy((value as Record<string, unknown>)[key]);
  return out as T;
}

/** In-memory {@link JobStore}. */
export class InMemoryJobStore implements JobStore {
  private readonly jobs = new Map<string, Job>();
  async get(id: string) {
    const job = this.jobs.get(id);
    return job && copy(job);
  }
  async put(job: Job) {
    this.jobs.set(job.id, copy(job));
  }
  async *list() {
    for (const job of this.jobs.values()) yield copy(job);
  }
}

/** In-memory {@link CandidateStore}. */
export class InMemoryCandidateStore implements CandidateStore {
  private readonly candidates = new Map<string, Candidate>();
  async get(id: string) {
    const candidate = this.candidates.get(id);
    return candidate && copy(candidate);
  }
  async insert(candidate: Candidate) {
    if (this.candidates.has(candidate.id)) {
      throw new ConflictError(
        candidate.id,
        `Candidate ${candidate.id} already exists; use update() to change it`,
      );
    }
    this.candidates.set(candidate.id, copy(candidate));
  }
  async update(candidate: Candidate) {
    if (!this.candidates.has(candidate.id)) {
      throw new NotFoundError(
        candidate.id,
        `Candidate ${candidate.id} does not exist; use insert() to add it`,
      );
    }
    this.candidates.set(candidate.id, copy(candidate));
  }
  /** Number of candidates stored. */
  get size(): number {
    return this.candidates.size;
  }
}

const externalKey = (key: ExternalApplicationKey) =>
  `${key.provider}\u001f${key.account}\u001f${key.externalId}`;
const emailJobKey = (email: string, jobId: string) => `${email}\u001f${jobId}`;

/** In-memory {@link ApplicationStore}, with the unique (provider, account, externalId) index the port requires. */
export class InMemoryApplicationStore implements ApplicationStore {
  private readonly applications = new Map<string, Application>();
  private readonly byExternalId = new Map<string, string>();
  private readonly byCandidate = new Map<string, Set<string>>();
  private readonly byEmailAndJob = new Map<string, Set<string>>();

  async get(id: string) {
    const application = this.applications.get(id);
    return application && copy(application);
  }

  async insert(application: Application) {
    if (this.applications.has(application.id)) {
      throw new ConflictError(
        application.id,
        `Application ${application.id} already exists; use update() to change it`,
      );
    }
    const external = this.externalKeyOf(application);
    if (external !== undefined && this.byExternalId.has(external)) {
      throw new ConflictError(
        external,
        `An application from ${application.source.provider} account ${application.source.account} with external id ${application.externalId} is already stored`,
      );
    }
    this.index(application);
  }

  async update(application: Application) {
    const previous = this.applications.get(application.id);
    if (previous === undefined) {
      throw new NotFoundError(
        application.id,
        `Application ${application.id} does not exist; use insert() to add it`,
      );
    }
    const external = this.externalKeyOf(application);
    const owner = external === undefined ? undefined : this.byExternalId.get(external);
    if (owner !== undefined && owner !== application.id) {
      throw new ConflictError(
        external!,
        `External id ${application.externalId} belongs to application ${owner}`,
      );
    }
    this.unindex(previous);
    this.index(application);
  }

  async listByCandidate(candidateId: string) {
    const ids = this.byCandidate.get(candidateId) ?? new Set<string>();
    return [...ids].map((id) => copy(this.applications.get(id)!));
  }

  async findByExternalId(key: ExternalApplicationKey) {
    const id = this.byExternalId.get(externalKey(key));
    return id === undefined ? undefined : copy(this.applications.get(id)!);
  }

  async findByContactEmailAndJob(email: string, jobId: string, since: Date) {
    const ids = this.byEmailAndJob.get(emailJobKey(email, jobId)) ?? new Set<string>();
    return [...ids]
      .map((id) => this.applications.get(id)!)
      .filter((application) => application.appliedAt.getTime() >= since.getTime())
      .map(copy);
  }

  /** Every application, in insertion order. */
  async *list(): AsyncIterable<Application> {
    for (const application of this.applications.values()) yield copy(application);
  }

  /** Number of applications stored. */
  get size(): number {
    return this.applications.size;
  }

  private externalKeyOf(application: Application): string | undefined {
    if (application.externalId === null) return undefined;
    return externalKey({ ...application.source, externalId: application.externalId });
  }

  private index(application: Application) {
    this.applications.set(application.id, copy(application));
    const external = this.externalKeyOf(application);
    if (external !== undefined) this.byExternalId.set(external, application.id);
    addTo(this.byCandidate, application.candidateId, application.id);
    if (application.contactEmail !== null && application.jobId !== null) {
      addTo(this.byEmailAndJob, emailJobKey(application.contactEmail, application.jobId), application.id);
    }
  }

  private unindex(application: Application) {
    const external = this.externalKeyOf(application);
    if (external !== undefined) this.byExternalId.delete(external);
    this.byCandidate.get(application.candidateId)?.delete(application.id);
    if (application.contactEmail !== null && application.jobId !== null) {
      this.byEmailAndJob
        .get(emailJobKey(application.contactEmail, application.jobId))
        ?.delete(application.id);
    }
  }
}

function addTo(map: Map<string, Set<string>>, key: string, value: string) {
  let set = map.get(key);
  if (set === undefined) {
    set = new Set();
    map.set(key, set);
  }
  set.add(value);
}

/**
 * In-memory {@link CandidateIndex}. Most keys have one candidate, so an entry is a plain id string
 * and becomes an array only on a collision: a million candidates fit in a few hundred MB.
 */
export class InMemoryCandidateIndex implements CandidateIndex {
  private readonly entries = new Map<string, string | string[]>();
  /** Membership of large buckets, so that adding to one stays O(1). */
  private readonly largeBuckets = new Map<string, Set<string>>();

  async add(candidateId: string, keys: readonly string[]) {
    this.addSync(candidateId, keys);
  }

  /** Synchronous `add`, for bulk loading. */
  addSync(candidateId: string, keys: readonly string[]) {
    for (const key of keys) {
      const entry = this.entries.get(key);
      if (entry === undefined) this.entries.set(key, candidateId);
      else if (typeof entry === "string") {
        if (entry !== candidateId) this.entries.set(key, [entry, candidateId]);
      } else this.addToBucket(key, entry, candidateId);
    }
  }

  private addToBucket(key: string, bucket: string[], candidateId: string) {
    const members = this.largeBuckets.get(key);
    if (members !== undefined) {
      if (members.has(candidateId)) return;
      members.add(candidateId);
    } else {
      if (bucket.includes(candidateId)) return;
      if (bucket.length >= 16) this.largeBuckets.set(key, new Set([...bucket, candidateId]));
    }
    bucket.push(candidateId);
  }

  async remove(candidateId: string, keys: readonly string[]) {
    for (const key of keys) {
      const entry = this.entries.get(key);
      if (entry === undefined) continue;
      if (typeof entry === "string") {
        if (entry === candidateId) this.entries.delete(key);
        continue;
      }
      const rest = entry.filter((id) => id !== candidateId);
      this.largeBuckets.get(key)?.delete(candidateId);
      if (rest.length < 16) this.largeBuckets.delete(key);
      if (rest.length === 0) this.entries.delete(key);
      else this.entries.set(key, rest.length === 1 ? rest[0]! : rest);
    }
  }

  async lookup(keys: readonly string[]) {
    return this.lookupSync(keys);
  }

  /** Synchronous `lookup`. */
  lookupSync(keys: readonly string[]): ReadonlyMap<string, readonly string[]> {
    const found = new Map<string, readonly string[]>();
    for (const key of keys) {
      const entry = this.entries.get(key);
      // Callers read the list and do not keep it: no copy, so a large bucket costs nothing here.
      if (entry !== undefined) found.set(key, typeof entry === "string" ? [entry] : entry);
    }
    return found;
  }

  /** Number of distinct keys. */
  get size(): number {
    return this.entries.size;
  }
}

/** In-memory {@link RoutingRuleStore}. */
export class InMemoryRoutingRuleStore implements RoutingRuleStore {
  private ruleSet: RoutingRuleSet | undefined;
  async get() {
    return this.ruleSet && copy(this.ruleSet);
  }
  async put(ruleSet: RoutingRuleSet) {
    this.ruleSet = copy(ruleSet);
  }
}

/** In-memory {@link MergeRecordStore}. */
export class InMemoryMergeRecordStore implements MergeRecordStore {
  private readonly records = new Map<string, MergeRecord>();
  async get(id: string) {
    const record = this.records.get(id);
    return record && copy(record);
  }
  async put(record: MergeRecord) {
    this.records.set(record.id, copy(record));
  }
}

/** A fresh set of in-memory stores for one tenant. */
export function createInMemoryStores() {
  return {
    jobs: new InMemoryJobStore(),
    candidates: new InMemoryCandidateStore(),
    applications: new InMemoryApplicationStore(),
    candidateIndex: new InMemoryCandidateIndex(),
    routingRules: new InMemoryRoutingRuleStore(),
    merges: new InMemoryMergeRecordStore(),
    blobs: new InMemoryBlobStore(),
  } satisfies AtsStores;
}
