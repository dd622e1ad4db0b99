import { afterAll, describe } from "vitest";
import type { Database } from "./database";
import { importStoreContract } from "./import-store-contract";
import { migrate } from "./migrations";
import { createSqlImportStores } from "./sql-import-stores";
import { openScratchPostgres } from "./test-postgres";

// Needs the PostgreSQL service: `pnpm test:services`.
describe("robo-import stores on PostgreSQL", () => {
  let scratch: { db: Database; drop: () => Promise<void> } | undefined;
  afterAll(async () => scratch?.drop());
  let tenant = 0;
  importStoreContract(async () => {
    if (scratch === undefined) {
      scratch = await openScratchPostgres();
      await migrate(scratch.db);
    }
    return {
      stores: createSqlImportStores(scratch.db, `t${++tenant}`),
      other: createSqlImportStores(scratch.db, `t${++tenant}`),
    };
  });
});
