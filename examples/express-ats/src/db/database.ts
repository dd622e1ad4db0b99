import { mkdir } from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";

/** What the stores need of a database connection: parameterised queries. */
export interface SqlClient {
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<{ rows: Row[] }>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(script: string): Promise<void>;
}

/** A database: queries, transactions, and closing. The same SQL runs on PGlite and PostgreSQL. */
export interface Database extends SqlClient {
  readonly kind: "pglite" | "postgres";
  /** Runs `work` in a transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Where the data lives: PostgreSQL when a URL is given, otherwise PGlite in a directory (or in memory). */
export interface DatabaseOptions {
  /** `postgres://…` — PostgreSQL, the production database. */
  url?: string | undefined;
  /** PGlite's data directory; omitted: in memory (tests). */
  dataDir?: string | undefined;
}

/** Opens the database the options name. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.url ? openPostgres(options.url) : openPglite(options.dataDir);
}

async function openPglite(dataDir: string | undefined): Promise<Database> {
  // PGlite creates only the last directory of the path.
  if (dataDir !== undefined) await mkdir(path.dirname(path.resolve(dataDir)), { recursive: true });
  const db = dataDir === undefined ? new PGlite() : new PGlite(dataDir);
  await db.waitReady;
  type Target = Pick<PGlite, "query" | "exec">;
  const client = (target: Target): SqlClient => ({
    query: async <Row>(sql: string, params: readonly unknown[] = []) => ({
      rows: (await target.query<Row>(sql, [...params])).rows,
    }),
    exec: async (script) => {
      await target.exec(script);
    },
  });
  return {
    kind: "pglite",
    ...client(db),
    transaction: (work) => db.transaction((tx) => work(client(tx as unknown as Target))),
    close: () => db.close(),
  };
}

async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // Fail at start, with the reason, rather than at the first request.
  const probe = await pool.connect();
  probe.release();
  const client = (target: pg.Pool | pg.PoolClient): SqlClient => ({
    query: async <Row>(sql: string, params: readonly unknown[] = []) => ({
      rows: (await target.query(sql, [...params])).rows as Row[],
    }),
    // Without parameters node-postgres uses the simple protocol, which runs several statements.
    exec: async (script) => {
      await target.query(script);
    },
  });
  return {
    kind: "postgres",
    ...client(pool),
    async transaction(work) {
      const connection = await pool.connect();
      try {
        await connection.query("BEGIN");
        const result = await work(client(connection));
        await connection.query("COMMIT");
        return result;
      } catch (error) {
        await connection.query("ROLLBACK").catch(() => undefined);
        throw error;
      } finally {
        connection.release();
      }
    },
    close: () => pool.end(),
  };
}

/** True when `error` is PostgreSQL's unique-violation (both drivers expose the SQLSTATE as `code`). */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "23505";
}
