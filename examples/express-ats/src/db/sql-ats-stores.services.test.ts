import { afterAll, describe, expect, it } from "vitest";
import { MIGRATIONS, migrate } from "./migrations";
import { createSqlAtsStores } from "./sql-ats-stores";
import { SqlWebhookInbox } from "./sql-webhook-inbox";
import { storeContract } from "./store-contract";
import { openScratchPostgres } from "./test-postgres";

// Needs the PostgreSQL service: `pnpm test:services`.
describe("SQL stores on PostgreSQL", () => {
  const drops: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const drop of drops) await drop();
  });
  let counter = 0;
  storeContract(async () => {
    const { db, drop } = await openScratchPostgres();
    drops.push(drop);
    await migrate(db);
    const tenant = `t${++counter}`;
    await db.query("INSERT INTO tenants (id, name) VALUES ($1, $1), ($2, $2)", [tenant, `${tenant}-other`]);
    return {
      stores: createSqlAtsStores(db, tenant),
      other: createSqlAtsStores(db, `${tenant}-other`),
      inbox: new SqlWebhookInbox(db, tenant),
    };
  });

  it("applies migrations once even when two instances start together", async () => {
    const { db, drop } = await openScratchPostgres();
    drops.push(drop);
    const [a, b] = await Promise.all([migrate(db), migrate(db)]);
    expect([...a, ...b].sort((x, y) => x - y)).toEqual(MIGRATIONS.map((migration) => migration.id));
  });
});
