import type { Application } from "./application";
import { InMemoryBlobStore } from "./blob-store";
import type { Candidate } from "./candidate";
import { ConflictError, NotFoundError } from "./errors";
import { IdMultimap } from "./id-multimap";
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
 * else (a Map in a raw payload) falls back to structuredClone. With `sharing`, parts equal to
 * earlier stored ones are shared instead of copied (see {@link StoredCopier}).
 */
function copy<T>(value: T, sharing?: StoredCopier): T {
  if (typeof value !== "object" || value === null) return value;
  if (value instanceof Date) return (sharing ? sharing.date(value) : new Date(value.getTime())) as T;
  if (Array.isArray(value)) {
    if (value.length === 0 && sharing) return EMPTY_ARRAY as T;
    return value.map((item) => copy(item, sharing)) as T;
  }
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return structuredClone(value);
  // A spread clones the object's layout in one step (properties stored in the object itself, as
  // in the original); only the nested objects are then replaced by their copies.
  const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const key in out) {
    const property = out[key];
    if (typeof property !== "object" || property === null) continue;
    out[key] = sharing ? sharing.property(key, property) : copy(property);
  }
  return out as T;
}

const EMPTY_ARRAY: readonly never[] = Object.freeze([]);

/**
 * Copies values into a store. Stored values are never handed out (every read copies), so the
 * stored copies can share what is equal, which for an import of 100,000 applicants is tens of MB
 * and as many objects fewer for the garbage collector to move: a Date equal to one of the last few
 * stored shares it (a record's received, history and flag times are usually one instant, between
 * its own application dates); every empty list is one frozen array; and a property (an
 * application's `source`, its `history`, a flag) equal to one of the last few stored values of
 * that property name shares it. Records alternate between a few such values (scout and ordinary
 * applications), hence a few rather than only the last.
 */
class StoredCopier {
  private readonly recentDates: Date[] = [];
  private readonly recentValues = new Map<string, RecentValues>();

  copy<T>(value: T): T {
    return copy(value, this);
  }

  date(date: Date): Date {
    const time = date.getTime();
    for (const recent of this.recentDates) if (recent.getTime() === time) return recent;
    const stored = new Date(time);
    remember(this.recentDates, stored);
    return stored;
  }

  property(name: string, value: object): unknown {
    if (!isPlainContainer(value)) return copy(value, this);
    if (Array.isArray(value) && value.length === 0) return EMPTY_ARRAY;
    let recent = this.recentValues.get(name);
    if (recent === undefined) {
      recent = { values: [], credit: HIT_CREDIT, seen: 0 };
      this.recentValues.set(name, recent);
    }
    // A property whose values rarely repeat (a record's e-mails, name, raw payload) is compared
    // only now and then: the failed comparisons would cost more than the sharing saves.
    const compare = recent.credit > 0 || ++recent.seen % RETRY_EVERY === 0;
    if (compare) {
      for (const stored of recent.values) {
        if (sameData(stored, value)) {
          recent.credit = Math.min(recent.credit + HIT_CREDIT, MAX_CREDIT);
          return stored;
        }
      }
      recent.credit--;
    }
    const copied = copy(value, this) as object;
    if (compare) remember(recent.values, copied);
    return copied;
  }
}

/**
 * The last stored values of one property name, and whether comparing with them pays: each share
 * earns HIT_CREDIT comparisons, each miss spends one, so they go on while more than about one in
 * HIT_CREDIT values is shared. Without credit, one value in RETRY_EVERY is compared.
 */
interface RecentValues {
  values: object[];
  credit: number;
  seen: number;
}

// How many recent values a StoredCopier compares with, per property name and for Dates.
const RECENT = 4;
const HIT_CREDIT = 8;
const MAX_CREDIT = 64;
const RETRY_EVERY = 16;

// Keeps `value` first among the RECENT most recent.
function remember<T>(recent: T[], value: T): void {
  if (recent.length === RECENT) recent.pop();
  recent.unshift(value);
}

// Arrays and plain objects; not Dates, Maps or class instances, which have state for-in cannot see.
function isPlainContainer(value: object): boolean {
  if (Array.isArray(value)) return true;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/*
 * True when `value` holds the same data as `stored`, a stored copy: the same primitives
 * (Object.is: -0 is not 0), Dates of the same instant, arrays with the same items (as `copy`
 * copies them: the indexes, holes kept) and plain objects with the same keys holding the same
 * data. Anything else (a Map, a class instance) is never taken for equal, so it is copied.
 * Members that are the same value are settled without a call: this runs for most stored records.
 */
function sameData(stored: unknown, value: unknown): boolean {
  if (typeof stored !== "object" || stored === null || typeof value !== "object" || value === null)
    return Object.is(stored, value);
  if (stored === value) return true;
  if (stored instanceof Date) return value instanceof Date && stored.getTime() === value.getTime();
  if (Array.isArray(value)) {
    if (!Array.isArray(stored) || stored.length !== value.length) return false;
    for (let index = 0; index < value.length; index++) {
      const member: unknown = value[index];
      if (!sameMember(stored[index], member, member !== undefined || index in value === index in stored))
        return false;
    }
    return true;
  }
  if (Array.isArray(stored) || !isPlainContainer(value) || !isPlainContainer(stored)) return false;
  const storedMembers = stored as Record<string, unknown>;
  let count = 0;
  for (const key in value) {
    const member = (value as Record<string, unknown>)[key];
    // An undefined member equals a missing one: the key must exist too.
    if (!sameMember(storedMembers[key], member, member !== undefined || Object.hasOwn(storedMembers, key)))
      return false;
    count++;
  }
  for (const _ in stored) count--;
  return count === 0;
}

// `sameData` of two members, where `present` says that the stored one exists when `member` is undefined.
function sameMember(stored: unknown, member: unknown, present: boolean): boolean {
  if (stored === member) return present && (member !== 0 || Object.is(stored, member));
  return sameData(stored, member);
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
  private readonly copyIn = new StoredCopier();
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
    this.candidates.set(candidate.id, this.copyIn.copy(candidate));
  }
  async update(candidate: Candidate) {
    if (!this.candidates.has(candidate.id)) {
      throw new NotFoundError(
        candidate.id,
        `Candidate ${candidate.id} does not exist; use insert() to add it`,
      );
    }
    this.candidates.set(candidate.id, this.copyIn.copy(candidate));
  }
  /** Number of candidates stored. */
  get size(): number {
    return this.candidates.size;
  }
}

/** In-memory {@link ApplicationStore}, with the unique (provider, account, externalId) index the port requires. */
export class InMemoryApplicationStore implements ApplicationStore {
  private readonly applications = new Map<string, Application>();
  private readonly copyIn = new StoredCopier();
  /*
   * The indexes are keyed by strings the application already holds (its external id, its e-mail),
   * nested under the few providers, accounts and jobs, so indexing and lookups build no new strings.
   */
  private readonly byExternalId = new Map<string, Map<string, Map<string, string>>>();
  private readonly byCandidate = new IdMultimap();
  private readonly byJobAndEmail = new Map<string, IdMultimap>();

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
    if (this.ownerOfExternalId(application) !== undefined) {
      throw new ConflictError(
        externalKey(application),
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
    const owner = this.ownerOfExternalId(application);
    if (owner !== undefined && owner !== application.id) {
      throw new ConflictError(
        externalKey(application),
        `External id ${application.externalId} belongs to application ${owner}`,
      );
    }
    this.unindex(previous);
    this.index(application);
  }

  async listByCandidate(candidateId: string) {
    return this.byCandidate.get(candidateId).map((id) => copy(this.applications.get(id)!));
  }

  async findByExternalId(key: ExternalApplicationKey) {
    const id = this.externalIdsOf(key.provider, key.account)?.get(key.externalId);
    return id === undefined ? undefined : copy(this.applications.get(id)!);
  }

  async findByContactEmailAndJob(email: string, jobId: string, since: Date) {
    const ids = this.byJobAndEmail.get(jobId)?.get(email) ?? [];
    return ids
      .map((id) => this.applications.get(id)!)
      .filter((application) => application.appliedAt.getTime() >= since.getTime())
      .map((application) => copy(application));
  }

  /** Every application, in insertion order. */
  async *list(): AsyncIterable<Application> {
    for (const application of this.applications.values()) yield copy(application);
  }

  /** Number of applications stored. */
  get size(): number {
    return this.applications.size;
  }

  private ownerOfExternalId(application: Application): string | undefined {
    if (application.externalId === null) return undefined;
    const { provider, account } = application.source;
    return this.externalIdsOf(provider, account)?.get(application.externalId);
  }

  // External id → application id, for one provider account.
  private externalIdsOf(provider: string, account: string): Map<string, string> | undefined {
    return this.byExternalId.get(provider)?.get(account);
  }

  private index(application: Application) {
    const stored = this.copyIn.copy(application);
    this.applications.set(stored.id, stored);
    if (stored.externalId !== null) {
      const { provider, account } = stored.source;
      let accounts = this.byExternalId.get(provider);
      if (accounts === undefined) {
        accounts = new Map();
        this.byExternalId.set(provider, accounts);
      }
      let ids = accounts.get(account);
      if (ids === undefined) {
        ids = new Map();
        accounts.set(account, ids);
      }
      ids.set(stored.externalId, stored.id);
    }
    this.byCandidate.add(stored.candidateId, stored.id);
    if (stored.contactEmail !== null && stored.jobId !== null) {
      let byEmail = this.byJobAndEmail.get(stored.jobId);
      if (byEmail === undefined) {
        byEmail = new IdMultimap();
        this.byJobAndEmail.set(stored.jobId, byEmail);
      }
      byEmail.add(stored.contactEmail, stored.id);
    }
  }

  private unindex(application: Application) {
    if (application.externalId !== null) {
      const { provider, account } = application.source;
      this.externalIdsOf(provider, account)?.delete(application.externalId);
    }
    this.byCandidate.remove(application.candidateId, application.id);
    if (application.contactEmail !== null && application.jobId !== null)
      this.byJobAndEmail.get(application.jobId)?.remove(application.contactEmail, application.id);
  }
}

const externalKey = (application: Application) =>
  `${application.source.provider}\u001f${application.source.account}\u001f${application.externalId}`;

/**
 * In-memory {@link CandidateIndex}. Most keys have one candidate, so an entry costs little more
 * than its key: a million candidates fit in a few hundred MB.
 */
export class InMemoryCandidateIndex implements CandidateIndex {
  private readonly entries = new IdMultimap();

  async add(candidateId: string, keys: readonly string[]) {
    this.addSync(candidateId, keys);
  }

  /** Synchronous `add`, for bulk loading. */
  addSync(candidateId: string, keys: readonly string[]) {
    for (const key of keys) this.entries.add(key, candidateId);
  }

  async remove(candidateId: string, keys: readonly string[]) {
    for (const key of keys) this.entries.remove(key, candidateId);
  }

  async lookup(keys: readonly string[]) {
    return this.lookupSync(keys);
  }

  /** Synchronous `lookup`. */
  lookupSync(keys: readonly string[]): ReadonlyMap<string, readonly string[]> {
    // Most lookups find nothing: the map is made only for the first key found.
    let found: Map<string, readonly string[]> | undefined;
    for (const key of keys) {
      // Callers read the list and do not keep it: no copy, so a large bucket costs nothing here.
      const ids = this.entries.get(key);
      if (ids.length === 0) continue;
      found ??= new Map();
      found.set(key, ids);
    }
    return found ?? NOTHING_FOUND;
  }

  /** Number of distinct keys. */
  get size(): number {
    return this.entries.size;
  }
}

/** A map that refuses changes: one is shared by every lookup that finds nothing. */
class EmptyReadonlyMap<K, V> extends Map<K, V> {
  override set(): this {
    throw new TypeError("A candidate index lookup result is read-only");
  }
  override delete(): boolean {
    throw new TypeError("A candidate index lookup result is read-only");
  }
  override clear(): void {
    throw new TypeError("A candidate index lookup result is read-only");
  }
}

const NOTHING_FOUND: ReadonlyMap<string, readonly string[]> = new EmptyReadonlyMap();

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
