import type { Database } from "./database";

/**
 * The schema, as numbered migrations applied in order on start (the same SQL on PGlite and
 * PostgreSQL). Never edit a migration that has shipped: add the next one.
 * Every table is keyed by tenant: one database serves every company, and each query names one.
 */
export const MIGRATIONS: readonly { id: number; name: string; sql: string }[] = [
  {
    id: 1,
    name: "ats core",
    sql: `
      CREATE TABLE tenants (
        id text PRIMARY KEY,
        name text NOT NULL,
        settings jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE jobs (
        tenant_id text NOT NULL REFERENCES tenants(id),
        id text NOT NULL,
        status text NOT NULL,
        data jsonb NOT NULL,
        PRIMARY KEY (tenant_id, id)
      );
      CREATE TABLE candidates (
        tenant_id text NOT NULL REFERENCES tenants(id),
        id text NOT NULL,
        data jsonb NOT NULL,
        PRIMARY KEY (tenant_id, id)
      );
      CREATE TABLE applications (
        tenant_id text NOT NULL REFERENCES tenants(id),
        id text NOT NULL,
        candidate_id text NOT NULL,
        job_id text,
        provider text NOT NULL,
        account text NOT NULL,
        external_id text,
        contact_email text,
        applied_at timestamptz NOT NULL,
        data jsonb NOT NULL,
        PRIMARY KEY (tenant_id, id)
      );
      -- The same application from the same provider account is stored once, whatever races.
      CREATE UNIQUE INDEX applications_external ON applications (tenant_id, provider, account, external_id) WHERE external_id IS NOT NULL;
      CREATE INDEX applications_candidate ON applications (tenant_id, candidate_id);
      CREATE INDEX applications_email_job ON applications (tenant_id, contact_email, job_id, applied_at);
      -- Possible-duplicate blocking keys: a check is an index lookup.
      CREATE TABLE candidate_keys (
        tenant_id text NOT NULL,
        key text NOT NULL,
        candidate_id text NOT NULL,
        PRIMARY KEY (tenant_id, key, candidate_id)
      );
      CREATE TABLE routing_rules (
        tenant_id text PRIMARY KEY REFERENCES tenants(id),
        data jsonb NOT NULL
      );
      CREATE TABLE merges (
        tenant_id text NOT NULL,
        id text NOT NULL,
        data jsonb NOT NULL,
        PRIMARY KEY (tenant_id, id)
      );
      CREATE TABLE blobs (
        tenant_id text NOT NULL,
        key text NOT NULL,
        content_type text NOT NULL,
        bytes bytea NOT NULL,
        PRIMARY KEY (tenant_id, key)
      );
      CREATE TABLE webhook_inbox (
        tenant_id text NOT NULL,
        id text NOT NULL,
        provider text NOT NULL,
        received_at timestamptz NOT NULL,
        body text NOT NULL,
        status text NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        processed_at timestamptz,
        PRIMARY KEY (tenant_id, id)
      );
      CREATE INDEX webhook_inbox_pending ON webhook_inbox (tenant_id, received_at) WHERE status <> 'processed';
    `,
  },
  {
    id: 2,
    name: "line-link",
    sql: `
      CREATE TABLE line_links (
        tenant_id text NOT NULL,
        candidate_id text NOT NULL,
        line_user_id text NOT NULL,
        data jsonb NOT NULL,
        PRIMARY KEY (tenant_id, candidate_id)
      );
      -- A LINE user is linked to one candidate of a tenant.
      CREATE UNIQUE INDEX line_links_user ON line_links (tenant_id, line_user_id);
      CREATE TABLE line_linking_urls (
        tenant_id text NOT NULL,
        id text NOT NULL,
        data jsonb NOT NULL,
        used_at timestamptz,
        PRIMARY KEY (tenant_id, id)
      );
      CREATE TABLE line_login_attempts (
        tenant_id text NOT NULL,
        state text NOT NULL,
        data jsonb NOT NULL,
        PRIMARY KEY (tenant_id, state)
      );
      CREATE TABLE line_messages (
        tenant_id text NOT NULL,
        id text NOT NULL,
        candidate_id text NOT NULL,
        at timestamptz NOT NULL,
        data jsonb NOT NULL,
        PRIMARY KEY (tenant_id, id)
      );
      CREATE INDEX line_messages_candidate ON line_messages (tenant_id, candidate_id, at);
      CREATE TABLE line_threads (
        tenant_id text NOT NULL,
        candidate_id text NOT NULL,
        last_message_at timestamptz NOT NULL,
        last_direction text NOT NULL,
        read_at timestamptz,
        PRIMARY KEY (tenant_id, candidate_id)
      );
    `,
  },
  {
    id: 3,
    name: "topcv-client",
    sql: `
      CREATE TABLE topcv_postings (
        tenant_id text NOT NULL,
        topcv_job_id text NOT NULL,
        ats_job_id text,
        data jsonb NOT NULL,
        PRIMARY KEY (tenant_id, topcv_job_id)
      );
      CREATE INDEX topcv_postings_ats_job ON topcv_postings (tenant_id, ats_job_id);
      -- seq keeps the order entries were appended in among entries of the same instant.
      CREATE TABLE topcv_posting_log (
        tenant_id text NOT NULL,
        id text NOT NULL,
        seq bigint GENERATED ALWAYS AS IDENTITY,
        at timestamptz NOT NULL,
        ats_job_id text NOT NULL,
        topcv_job_id text,
        data jsonb NOT NULL,
        PRIMARY KEY (tenant_id, id)
      );
      CREATE INDEX topcv_posting_log_order ON topcv_posting_log (tenant_id, at, seq);
      CREATE INDEX topcv_posting_log_ats_job ON topcv_posting_log (tenant_id, ats_job_id, at, seq);
      CREATE INDEX topcv_posting_log_topcv_job ON topcv_posting_log (tenant_id, topcv_job_id, at, seq);
      -- One row per configured tenant. access_token, secret_key, signing_secret and endpoint_token
      -- are secrets: a real deployment encrypts these columns at rest (e.g. envelope encryption
      -- with a KMS key, or pgcrypto with a key the database does not hold).
      -- Webhooks find their tenant by the SHA-256 of the endpoint token (unique index), so the
      -- lookup is an index probe and the index never holds the token itself.
      CREATE TABLE topcv_connections (
        tenant_id text PRIMARY KEY,
        endpoint_token_sha256 text NOT NULL,
        endpoint_token text NOT NULL,
        access_token text NOT NULL,
        secret_key text NOT NULL,
        signing_secret text,
        employer jsonb NOT NULL,
        configured_at timestamptz NOT NULL
      );
      CREATE UNIQUE INDEX topcv_connections_endpoint ON topcv_connections (endpoint_token_sha256);
    `,
  },
  {
    id: 4,
    name: "robo-import",
    sql: `
      CREATE TABLE import_checkpoints (
        tenant_id text NOT NULL,
        account_id text NOT NULL,
        at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, account_id)
      );
      -- A slot occurrence is claimed by inserting its key: the primary key lets one insert win.
      CREATE TABLE import_slot_claims (
        tenant_id text NOT NULL,
        key text NOT NULL,
        claimed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, key)
      );
      CREATE TABLE imported_candidates (
        tenant_id text NOT NULL,
        board text NOT NULL,
        login text NOT NULL,
        external_id text NOT NULL,
        candidate_id text NOT NULL,
        PRIMARY KEY (tenant_id, board, login, external_id)
      );
      -- seminar_to_event: [[seminar number, event id], …] in the file's order.
      CREATE TABLE seminar_mappings (
        tenant_id text NOT NULL,
        account_id text NOT NULL,
        seminar_to_event jsonb NOT NULL,
        uploaded_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, account_id)
      );
      -- A re-sync of the same board reservation updates the row (provider + external id).
      CREATE TABLE reservations (
        tenant_id text NOT NULL,
        provider text NOT NULL,
        external_id text NOT NULL,
        id text NOT NULL,
        event_id text NOT NULL,
        candidate_id text NOT NULL,
        status text NOT NULL,
        reserved_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, provider, external_id)
      );
      CREATE UNIQUE INDEX reservations_id ON reservations (tenant_id, id);
      CREATE INDEX reservations_candidate ON reservations (tenant_id, candidate_id, reserved_at);
      CREATE INDEX reservations_event ON reservations (tenant_id, event_id, reserved_at);
    `,
  },
  {
    id: 5,
    name: "import runs",
    sql: `
      CREATE TABLE import_runs (
        tenant_id text NOT NULL,
        id text NOT NULL,
        trigger text NOT NULL,
        started_at timestamptz NOT NULL,
        finished_at timestamptz NOT NULL,
        failed boolean NOT NULL,
        report jsonb NOT NULL,
        PRIMARY KEY (tenant_id, id)
      );
      CREATE INDEX import_runs_recent ON import_runs (tenant_id, started_at DESC);
    `,
  },
  {
    id: 6,
    name: "recruiter users and sessions",
    sql: `
      -- A recruiter belongs to one company; the same e-mail may exist in two companies.
      CREATE TABLE users (
        tenant_id text NOT NULL REFERENCES tenants(id),
        id text NOT NULL,
        email text NOT NULL,
        name text NOT NULL,
        password_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id)
      );
      CREATE UNIQUE INDEX users_email ON users (tenant_id, email);
      -- Server-side sessions: the cookie carries a random id, the table keeps only its SHA-256.
      CREATE TABLE web_sessions (
        id_sha256 text PRIMARY KEY,
        tenant_id text NOT NULL,
        user_id text NOT NULL,
        csrf_token text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL
      );
      CREATE INDEX web_sessions_user ON web_sessions (tenant_id, user_id);
    `,
  },
  {
    id: 7,
    name: "login throttle",
    sql: `
      -- Failed logins per company and e-mail: too many in a window and the login is refused for a while.
      CREATE TABLE login_failures (
        tenant_id text NOT NULL,
        email text NOT NULL,
        at timestamptz NOT NULL
      );
      CREATE INDEX login_failures_recent ON login_failures (tenant_id, email, at);
    `,
  },
];

/**
 * Applies the migrations not yet applied, each in a transaction. An advisory lock makes
 * instances starting together apply them once.
 */
export async function migrate(db: Database): Promise<number[]> {
  return db.transaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock(4242001)");
    await tx.query(
      "CREATE TABLE IF NOT EXISTS schema_migrations (id integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())",
    );
    const { rows } = await tx.query<{ id: number }>("SELECT id FROM schema_migrations");
    const done = new Set(rows.map((row) => Number(row.id)));
    const applied: number[] = [];
    for (const migration of MIGRATIONS) {
      if (done.has(migration.id)) continue;
      await tx.exec(migration.sql);
      await tx.query("INSERT INTO schema_migrations (id, name) VALUES ($1, $2)", [
        migration.id,
        migration.name,
      ]);
      applied.push(migration.id);
    }
    return applied;
  });
}
