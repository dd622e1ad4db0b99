import { InMemoryConversationStore, InMemoryLinkingStore, InMemoryLinkStore } from "@org/line-link";
import { afterAll, describe } from "vitest";
import { type Database, openDatabase } from "./database";
import { lineStoreContract } from "./line-store-contract";
import { migrate } from "./migrations";
import { SqlConversationStore, SqlLinkingStore, SqlLinkStore } from "./sql-line-stores";

describe("line-link's in-memory stores", () => {
  lineStoreContract(async () => ({
    links: new InMemoryLinkStore(),
    linking: new InMemoryLinkingStore(),
    conversations: new InMemoryConversationStore(),
  }));
});

describe("line-link stores on PGlite", () => {
  let db: Database | undefined;
  let tenant = 0;
  afterAll(async () => db?.close());
  lineStoreContract(async () => {
    if (db === undefined) {
      db = await openDatabase({});
      await migrate(db);
    }
    const id = `t${++tenant}`;
    return {
      links: new SqlLinkStore(db, id),
      linking: new SqlLinkingStore(db, id),
      conversations: new SqlConversationStore(db, id),
    };
  });
});
