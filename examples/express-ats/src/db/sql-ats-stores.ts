import {
  type Application,
  ApplicationSchema,
  type ApplicationStore,
  type AtsStores,
  type BlobStore,
  type Candidate,
  type CandidateIndex,
  CandidateSchema,
  type CandidateStore,
  ConflictError,
  type ExternalApplicationKey,
  type Job,
  JobSchema,
  type JobStore,
  type MergeRecord,
  MergeRecordSchema,
  type MergeRecordStore,
  NotFoundError,
  type RoutingRuleSet,
  RoutingRuleSetSchema,
  type RoutingRuleStore,
} from "@org/ats-core";
import { type Database, isUniqueViolation, type SqlClient } from "./database";

/*
 * The ats-core storage ports on SQL, for one tenant. Each record is kept whole as JSON (`data`),
 * with the columns the ports search by beside it, and read back through the ats-core schemas
 * (which also turn ISO strings back into Dates). Unique indexes, not prior lookups, decide races.
 */

const json = (value: unknown) => JSON.stringify(value);
// Keyset pagination: a feed of hundreds of thousands of jobs is streamed in pages, never loaded at once.
const PAGE = 500;

class SqlJobStore implements JobStore {
  constructor(
    private readonly db: SqlClient,
    private readonly tenantId: string,
  ) {}
  async get(id: string) {
    const { rows } = await this.db.query<{ data: unknown }>(
      "SELECT data FROM jobs WHERE tenant_id = $1 AND id = $2",
      [this.tenantId, id],
    );
    return rows[0] && JobSchema.parse(rows[0].data);
  }
  async put(job: Job) {
    await this.db.query(
      "INSERT INTO jobs (tenant_id, id, status, data) VALUES ($1, $2, $3, $4) ON CONFLICT (tenant_id, id) DO UPDATE SET status = EXCLUDED.status, data = EXCLUDED.data",
      [this.tenantId, job.id, job.status, json(job)],
    );
  }
  async *list(): AsyncIterable<Job> {
    let after = "";
    for (;;) {
      const { rows } = await this.db.query<{ id: string; data: unknown }>(
        "SELECT id, data FROM jobs WHERE tenant_id = $1 AND id > $2 ORDER BY id LIMIT $3",
        [this.tenantId, after, PAGE],
      );
      for (const row of rows) yield JobSchema.parse(row.data);
      if (rows.length < PAGE) return;
      after = rows[rows.length - 1]!.id;
    }
  }
}

class SqlCandidateStore implements CandidateStore {
  constructor(
    private readonly db: SqlClient,
    private readonly tenantId: string,
  ) {}
  async get(id: string) {
    const { rows } = await this.db.query<{ data: unknown }>(
      "SELECT data FROM candidates WHERE tenant_id = $1 AND id = $2",
      [this.tenantId, id],
    );
    return rows[0] && CandidateSchema.parse(rows[0].data);
  }
  async insert(candidate: Candidate) {
    try {
      await this.db.query("INSERT INTO candidates (tenant_id, id, data) VALUES ($1, $2, $3)", [
        this.tenantId,
        candidate.id,
        json(candidate),
      ]);
    } catch (error) {
      if (isUniqueViolation(error))
        throw new ConflictError(
          candidate.id,
          `Candidate ${candidate.id} already exists; use update() to change it`,
          { cause: error },
        );
      throw error;
    }
  }
  async update(candidate: Candidate) {
    const { rows } = await this.db.query(
      "UPDATE candidates SET data = $3 WHERE tenant_id = $1 AND id = $2 RETURNING id",
      [this.tenantId, candidate.id, json(candidate)],
    );
    if (rows.length === 0)
      throw new NotFoundError(
        candidate.id,
        `Candidate ${candidate.id} does not exist; use insert() to add it`,
      );
  }
}

class SqlApplicationStore implements ApplicationStore {
  constructor(
    private readonly db: SqlClient,
    private readonly tenantId: string,
  ) {}
  private columns(application: Application): unknown[] {
    return [
      this.tenantId,
      application.id,
      application.candidateId,
      application.jobId,
      application.source.provider,
      application.source.account,
      application.externalId,
      application.contactEmail,
      application.appliedAt,
      json(application),
    ];
  }
  async get(id: string) {
    const { rows } = await this.db.query<{ data: unknown }>(
      "SELECT data FROM applications WHERE tenant_id = $1 AND id = $2",
      [this.tenantId, id],
    );
    return rows[0] && ApplicationSchema.parse(rows[0].data);
  }
  async insert(application: Application) {
    try {
      await this.db.query(
        `INSERT INTO applications (tenant_id, id, candidate_id, job_id, provider, account, external_id, contact_email, applied_at, data)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        this.columns(application),
      );
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ConflictError(
          `${application.source.provider}/${application.source.account}/${application.externalId ?? application.id}`,
          `An application ${application.id} or from ${application.source.provider} account ${application.source.account} with external id ${application.externalId} is already stored`,
          { cause: error },
        );
      }
      throw error;
    }
  }
  async update(application: Application) {
    let rows: unknown[];
    try {
      ({ rows } = await this.db.query(
        `UPDATE applications SET candidate_id = $3, job_id = $4, provider = $5, account = $6, external_id = $7, contact_email = $8, applied_at = $9, data = $10
         WHERE tenant_id = $1 AND id = $2 RETURNING id`,
        this.columns(application),
      ));
    } catch (error) {
      if (isUniqueViolation(error))
        throw new ConflictError(
          application.id,
          `External id ${application.externalId} belongs to another application`,
          { cause: error },
        );
      throw error;
    }
    if (rows.length === 0)
      throw new NotFoundError(
        application.id,
        `Application ${application.id} does not exist; use insert() to add it`,
      );
  }
  async listByCandidate(candidateId: string) {
    const { rows } = await this.db.query<{ data: unknown }>(
      "SELECT data FROM applications WHERE tenant_id = $1 AND candidate_id = $2 ORDER BY applied_at, id",
      [this.tenantId, candidateId],
    );
    return rows.map((row) => ApplicationSchema.parse(row.data));
  }
  async findByExternalId(key: ExternalApplicationKey) {
    const { rows } = await this.db.query<{ data: unknown }>(
      "SELECT data FROM applications WHERE tenant_id = $1 AND provider = $2 AND account = $3 AND external_id = $4",
      [this.tenantId, key.provider, key.account, key.externalId],
    );
    return rows[0] && ApplicationSchema.parse(rows[0].data);
  }
  async findByContactEmailAndJob(email: string, jobId: string, since: Date) {
    const { rows } = await this.db.query<{ data: unknown }>(
      "SELECT data FROM applications WHERE tenant_id = $1 AND contact_email = $2 AND job_id = $3 AND applied_at >= $4 ORDER BY applied_at",
      [this.tenantId, email, jobId, since],
    );
    return rows.map((row) => ApplicationSchema.parse(row.data));
  }
}

class SqlCandidateIndex implements CandidateIndex {
  constructor(
    private readonly db: SqlClient,
    private readonly tenantId: string,
  ) {}
  async add(candidateId: string, keys: readonly string[]) {
    if (keys.length === 0) return;
    await this.db.query(
      "INSERT INTO candidate_keys (tenant_id, key, candidate_id) SELECT $1, key, $3 FROM unnest($2::text[]) AS key ON CONFLICT DO NOTHING",
      [this.tenantId, [...keys], candidateId],
    );
  }
  async remove(candidateId: string, keys: readonly string[]) {
    if (keys.length === 0) return;
    await this.db.query(
      "DELETE FROM candidate_keys WHERE tenant_id = $1 AND key = ANY($2::text[]) AND candidate_id = $3",
      [this.tenantId, [...keys], candidateId],
    );
  }
  async lookup(keys: readonly string[]) {
    const found = new Map<string, string[]>();
    if (keys.length === 0) return found;
    const { rows } = await this.db.query<{ key: string; candidate_id: string }>(
      "SELECT key, candidate_id FROM candidate_keys WHERE tenant_id = $1 AND key = ANY($2::text[]) ORDER BY key, candidate_id",
      [this.tenantId, [...keys]],
    );
    for (const row of rows) {
      const ids = found.get(row.key);
      if (ids === undefined) found.set(row.key, [row.candidate_id]);
      else ids.push(row.candidate_id);
    }
    return found;
  }
}

class SqlRoutingRuleStore implements RoutingRuleStore {
  constructor(
    private readonly db: SqlClient,
    private readonly tenantId: string,
  ) {}
  async get() {
    const { rows } = await this.db.query<{ data: unknown }>(
      "SELECT data FROM routing_rules WHERE tenant_id = $1",
      [this.tenantId],
    );
    return rows[0] && RoutingRuleSetSchema.parse(rows[0].data);
  }
  async put(ruleSet: RoutingRuleSet) {
    await this.db.query(
      "INSERT INTO routing_rules (tenant_id, data) VALUES ($1, $2) ON CONFLICT (tenant_id) DO UPDATE SET data = EXCLUDED.data",
      [this.tenantId, json(ruleSet)],
    );
  }
}

class SqlMergeRecordStore implements MergeRecordStore {
  constructor(
    private readonly db: SqlClient,
    private readonly tenantId: string,
  ) {}
  async get(id: string) {
    const { rows } = await this.db.query<{ data: unknown }>(
      "SELECT data FROM merges WHERE tenant_id = $1 AND id = $2",
      [this.tenantId, id],
    );
    return rows[0] && MergeRecordSchema.parse(rows[0].data);
  }
  async put(record: MergeRecord) {
    await this.db.query(
      "INSERT INTO merges (tenant_id, id, data) VALUES ($1, $2, $3) ON CONFLICT (tenant_id, id) DO UPDATE SET data = EXCLUDED.data",
      [this.tenantId, record.id, json(record)],
    );
  }
}

class SqlBlobStore implements BlobStore {
  constructor(
    private readonly db: SqlClient,
    private readonly tenantId: string,
  ) {}
  async put(key: string, bytes: Uint8Array, contentType: string) {
    await this.db.query(
      "INSERT INTO blobs (tenant_id, key, content_type, bytes) VALUES ($1, $2, $3, $4) ON CONFLICT (tenant_id, key) DO UPDATE SET content_type = EXCLUDED.content_type, bytes = EXCLUDED.bytes",
      [this.tenantId, key, contentType, bytes],
    );
  }
  async get(key: string) {
    const { rows } = await this.db.query<{ bytes: Uint8Array; content_type: string }>(
      "SELECT bytes, content_type FROM blobs WHERE tenant_id = $1 AND key = $2",
      [this.tenantId, key],
    );
    const row = rows[0];
    return row && { bytes: new Uint8Array(row.bytes), contentType: row.content_type };
  }
}

/** The stores of one tenant on `client` (the database, or a transaction of it). */
function storesOn(client: SqlClient, tenantId: string): Omit<AtsStores, "transaction"> {
  return {
    jobs: new SqlJobStore(client, tenantId),
    candidates: new SqlCandidateStore(client, tenantId),
    applications: new SqlApplicationStore(client, tenantId),
    candidateIndex: new SqlCandidateIndex(client, tenantId),
    routingRules: new SqlRoutingRuleStore(client, tenantId),
    merges: new SqlMergeRecordStore(client, tenantId),
    blobs: new SqlBlobStore(client, tenantId),
  };
}

/**
 * One tenant's ats-core stores on SQL. `transaction` runs work on stores bound to one database
 * transaction, so an application, its candidate and its index keys are stored together or not at all.
 */
export function createSqlAtsStores(db: Database, tenantId: string): AtsStores {
  return {
    ...storesOn(db, tenantId),
    transaction: (work) => db.transaction((tx) => work(storesOn(tx, tenantId))),
  };
}
