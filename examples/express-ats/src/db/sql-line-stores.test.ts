import { InMemoryConversationStore, InMemoryLinkingStore, InMemoryLinkStore } from "@org/line-link";
import { describe } from "vitest";
import { lineStoreContract } from "./line-store-contract";
import { SqlConversationStore, SqlLinkingStore, SqlLinkStore } from "./sql-line-stores";
import { sharedPglite } from "./test-pglite";

describe("line-link's in-memory stores", () => {
  lineStoreContract(async () => ({
    links: new InMemoryLinkStore(),
    linking: new InMemoryLinkingStore(),
    conversations: new InMemoryConversationStore(),
  }));
});

describe("line-link stores on PGlite", () => {
  const { database, newTenant } = sharedPglite();
  lineStoreContract(async () => {
    const db = await database();
    const id = newTenant();
    return {
      links: new SqlLinkStore(db, id),
      linking: new SqlLinkingStore(db, id),
      conversations: new SqlConversationStore(db, id),
    };
  });
});
