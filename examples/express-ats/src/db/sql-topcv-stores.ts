import { bytesToHex, ConflictError } from "@org/ats-core";
import type {
  ConnectionStore,
  PostingLog,
  PostingLogEntry,
  PostingStore,
  TopCvConnectionRecord,
  TopCvEmployer,
  TopCvPosting,
} from "@org/topcv-client";
import { isUniqueViolation, type SqlClient } from "./database";

/*
 * @org/topcv-client's store ports on SQL. Postings and the posting log belong to one tenant per
 * instance; connections are looked up across tenants (a webhook names only its endpoint token),
 * so the connection store takes the tenant in each call, as its port does. Records are kept as
 * JSON with the columns the ports search by beside them; Dates are written as ISO strings and
 * turned back into Dates on the way out.
 */

const json = (value: unknown) => JSON.stringify(value);

function toPosting(data: Record<string, unknown>): TopCvPosting {
  return { ...data, updatedAt: new Date(data["updatedAt"] as string) } as TopCvPosting;
}

/** {@link PostingStore} on SQL, for one tenant: the posted list, searchable by ATS job. */
export class SqlPostingStore implements PostingStore {
  constructor(
    private readonly db: SqlClient,
    private readonly tenantId: string,
  ) {}

  /** See {@link PostingStore.get}. */
  async get(topcvJobId: string) {
    const { rows } = await this.db.query<{ data: Record<string, unknown> }>(
      "SELECT data FROM topcv_postings WHERE tenant_id = $1 AND topcv_job_id = $2",
      [this.tenantId, topcvJobId],
    );
    return rows[0] && toPosting(rows[0].data);
  }

  /** See {@link PostingStore.put}. */
  async put(posting: TopCvPosting) {
    await this.db.query(
      `INSERT INTO topcv_postings (tenant_id, topcv_job_id, ats_job_id, data) VALUES ($1, $2, $3, $4)
       ON CONFLICT (tenant_id, topcv_job_id) DO UPDATE SET ats_job_id = EXCLUDED.ats_job_id, data = EXCLUDED.data`,
      [this.tenantId, posting.topcvJobId, posting.atsJobId, json(posting)],
    );
  }

  /** See {@link PostingStore.findByAtsJob}. Ordered by TopCV id, so that pages are stable. */
  async findByAtsJob(atsJobId: string) {
    const { rows } = await this.db.query<{ data: Record<string, unknown> }>(
      "SELECT data FROM topcv_postings WHERE tenant_id = $1 AND ats_job_id = $2 ORDER BY topcv_job_id",
      [this.tenantId, atsJobId],
    );
    return rows.map((row) => toPosting(row.data));
  }

  /** See {@link PostingStore.list}. Ordered by TopCV id. */
  async list() {
    const { rows } = await this.db.query<{ data: Record<string, unknown> }>(
      "SELECT data FROM topcv_postings WHERE tenant_id = $1 ORDER BY topcv_job_id",
      [this.tenantId],
    );
    return rows.map((row) => toPosting(row.data));
  }
}

/**
 * {@link PostingLog} on SQL, for one tenant. Entries come back oldest first by `at`, and in the
 * order they were appended among entries of the same instant. Entries are never changed: a second
 * append of an id already logged (a retried write) is ignored.
 */
export class SqlPostingLog implements PostingLog {
  constructor(
    private readonly db: SqlClient,
    private readonly tenantId: string,
  ) {}

  /** See {@link PostingLog.append}. */
  async append(entry: PostingLogEntry) {
    await this.db.query(
      `INSERT INTO topcv_posting_log (tenant_id, id, at, ats_job_id, topcv_job_id, data) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (tenant_id, id) DO NOTHING`,
      [this.tenantId, entry.id, entry.at, entry.atsJobId, entry.topcvJobId, json(entry)],
    );
  }

  /** See {@link PostingLog.list}. */
  async list(filter: { atsJobId?: string; topcvJobId?: string } = {}) {
    const { rows } = await this.db.query<{ data: Record<string, unknown> }>(
      `SELECT data FROM topcv_posting_log
       WHERE tenant_id = $1 AND ($2::text IS NULL OR ats_job_id = $2) AND ($3::text IS NULL OR topcv_job_id = $3)
       ORDER BY at, seq`,
      [this.tenantId, filter.atsJobId ?? null, filter.topcvJobId ?? null],
    );
    return rows.map((row) => ({ ...row.data, at: new Date(row.data["at"] as string) }) as PostingLogEntry);
  }
}

interface ConnectionRow {
  tenant_id: string;
  endpoint_token: string;
  access_token: string;
  secret_key: string;
  signing_secret: string | null;
  employer: TopCvEmployer;
  configured_at: Date;
}

function toConnection(row: ConnectionRow): TopCvConnectionRecord {
  const record: TopCvConnectionRecord = {
    tenantId: row.tenant_id,
    accessToken: row.access_token,
    secretKey: row.secret_key,
    endpointToken: row.endpoint_token,
    employer: row.employer,
    configuredAt: new Date(row.configured_at),
  };
  if (row.signing_secret !== null) record.signingSecret = row.signing_secret;
  return record;
}

/** SHA-256 of the endpoint token, hex: what the unique index holds instead of the token. */
async function endpointTokenHash(endpointToken: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(endpointToken));
  return bytesToHex(new Uint8Array(digest));
}

const CONNECTION_COLUMNS =
  "tenant_id, endpoint_token, access_token, secret_key, signing_secret, employer, configured_at";

/**
 * {@link ConnectionStore} on SQL, for every tenant (a webhook is resolved to its tenant here).
 * The endpoint token is found by its SHA-256 through a unique index, as the port asks, so a
 * lookup neither scans the table nor compares the token itself. The row holds the tenant's TopCV
 * secrets in plain columns: a real deployment encrypts them at rest (see migration 3).
 */
export class SqlConnectionStore implements ConnectionStore {
  constructor(private readonly db: SqlClient) {}

  /** See {@link ConnectionStore.get}. */
  async get(tenantId: string) {
    const { rows } = await this.db.query<ConnectionRow>(
      `SELECT ${CONNECTION_COLUMNS} FROM topcv_connections WHERE tenant_id = $1`,
      [tenantId],
    );
    return rows[0] && toConnection(rows[0]);
  }

  /** See {@link ConnectionStore.findByEndpointToken}. */
  async findByEndpointToken(endpointToken: string) {
    const { rows } = await this.db.query<ConnectionRow>(
      `SELECT ${CONNECTION_COLUMNS} FROM topcv_connections WHERE endpoint_token_sha256 = $1`,
      [await endpointTokenHash(endpointToken)],
    );
    return rows[0] && toConnection(rows[0]);
  }

  /**
   * See {@link ConnectionStore.put}.
   * @throws ConflictError when another tenant already has this endpoint token (a token resolves
   *   to one tenant; tokens are 256 random bits, so this means a token was copied, not drawn).
   */
  async put(record: TopCvConnectionRecord) {
    try {
      await this.db.query(
        `INSERT INTO topcv_connections (${CONNECTION_COLUMNS}, endpoint_token_sha256) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (tenant_id) DO UPDATE SET endpoint_token = EXCLUDED.endpoint_token, access_token = EXCLUDED.access_token,
           secret_key = EXCLUDED.secret_key, signing_secret = EXCLUDED.signing_secret, employer = EXCLUDED.employer,
           configured_at = EXCLUDED.configured_at, endpoint_token_sha256 = EXCLUDED.endpoint_token_sha256`,
        [
          record.tenantId,
          record.endpointToken,
          record.accessToken,
          record.secretKey,
          record.signingSecret ?? null,
          json(record.employer),
          record.configuredAt,
          await endpointTokenHash(record.endpointToken),
        ],
      );
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ConflictError(
          record.tenantId,
          "This endpoint token already belongs to another tenant's TopCV connection; create a new token with createEndpointToken().",
          { cause: error },
        );
      }
      throw error;
    }
  }

  /** See {@link ConnectionStore.delete}. */
  async delete(tenantId: string) {
    await this.db.query("DELETE FROM topcv_connections WHERE tenant_id = $1", [tenantId]);
  }
}

/** One tenant's TopCV posting stores on SQL (connections are shared: see {@link SqlConnectionStore}). */
export interface SqlTopCvStores {
  postings: SqlPostingStore;
  log: SqlPostingLog;
}

/** The TopCV posting stores of one tenant on `db`. */
export function createSqlTopCvStores(db: SqlClient, tenantId: string): SqlTopCvStores {
  return { postings: new SqlPostingStore(db, tenantId), log: new SqlPostingLog(db, tenantId) };
}
