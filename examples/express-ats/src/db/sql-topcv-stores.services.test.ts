import { afterAll, describe } from "vitest";
import type { Database } from "./database";
import { migrate } from "./migrations";
import { createSqlTopCvStores, SqlConnectionStore } from "./sql-topcv-stores";
import { openScratchPostgres } from "./test-postgres";
import { topcvStoreContract } from "./topcv-store-contract";

// Needs the PostgreSQL service: `pnpm test:services`.
describe("topcv-client stores on PostgreSQL", () => {
  let scratch: { db: Database; drop: () => Promise<void> } | undefined;
  afterAll(async () => scratch?.drop());
  let tenant = 0;
  topcvStoreContract(async () => {
    if (scratch === undefined) {
      scratch = await openScratchPostgres();
      await migrate(scratch.db);
    }
    const db = scratch.db;
    const tenantId = `t${++tenant}`;
    const otherTenantId = `t${++tenant}`;
    return {
      tenantId,
      otherTenantId,
      stores: createSqlTopCvStores(db, tenantId),
      other: createSqlTopCvStores(db, otherTenantId),
      connections: new SqlConnectionStore(db),
    };
  });
});
