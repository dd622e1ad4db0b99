import { afterAll } from "vitest";
import { type Database, openDatabase } from "./database";
import { migrate } from "./migrations";

/**
 * For a test file: one in-memory PGlite, opened and migrated on first use and closed after the
 * file's tests, and fresh tenant ids so that each test's data is its own.
 */
export function sharedPglite(): { database(): Promise<Database>; newTenant(): string } {
  let db: Promise<Database> | undefined;
  let tenants = 0;
  afterAll(async () => (await db)?.close());
  return {
    database: () => {
      db ??= openDatabase({}).then(async (opened) => {
        await migrate(opened);
        return opened;
      });
      return db;
    },
    newTenant: () => `t${++tenants}`,
  };
}
