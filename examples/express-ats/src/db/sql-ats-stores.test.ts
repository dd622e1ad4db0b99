import { createInMemoryStores, InMemoryWebhookInbox } from "@org/ats-core";
import { afterAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "./database";
import { MIGRATIONS, migrate } from "./migrations";
import { createSqlAtsStores } from "./sql-ats-stores";
import { SqlWebhookInbox } from "./sql-webhook-inbox";
import { storeContract } from "./store-contract";

describe("in-memory stores", () => {
  storeContract(async () => ({
    stores: createInMemoryStores(),
    other: createInMemoryStores(),
    inbox: new InMemoryWebhookInbox(),
  }));
});

describe("SQL stores on PGlite", () => {
  const databases: Database[] = [];
  afterAll(async () => {
    for (const db of databases) await db.close();
  });
  let counter = 0;
  storeContract(async () => {
    const db = await openDatabase({});
    databases.push(db);
    await migrate(db);
    const tenant = `t${++counter}`;
    await db.query("INSERT INTO tenants (id, name) VALUES ($1, $1), ($2, $2)", [tenant, `${tenant}-other`]);
    return {
      stores: createSqlAtsStores(db, tenant),
      other: createSqlAtsStores(db, `${tenant}-other`),
      inbox: new SqlWebhookInbox(db, tenant),
    };
  });

  it("applies migrations once", async () => {
    const db = await openDatabase({});
    databases.push(db);
    expect(await migrate(db)).toEqual(MIGRATIONS.map((migration) => migration.id));
    expect(await migrate(db)).toEqual([]);
  });
});
