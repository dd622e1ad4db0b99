import pg from "pg";
import { type Database, openDatabase } from "./database";

/** The PostgreSQL service of `pnpm test:services` (DATABASE_URL, or the machine's own). */
export const POSTGRES_URL = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

/**
 * A database on the PostgreSQL service in a schema of its own, so that runs never see each
 * other's data; `drop()` removes the schema.
 */
export async function openScratchPostgres(): Promise<{
  db: Database;
  url: string;
  drop: () => Promise<void>;
}> {
  const schema = `ats_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const url = new URL(POSTGRES_URL);
  url.searchParams.set("options", `-c search_path=${schema}`);
  const db = await openDatabase({ url: url.toString() });
  return {
    db,
    url: url.toString(),
    drop: async () => {
      await db.close();
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    },
  };
}
