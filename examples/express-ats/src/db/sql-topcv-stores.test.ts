import { ConflictError } from "@org/ats-core";
import {
  createEndpointToken,
  InMemoryConnectionStore,
  InMemoryPostingLog,
  InMemoryPostingStore,
  type PostingLogEntry,
} from "@org/topcv-client";
import { describe, expect, it } from "vitest";
import { createSqlTopCvStores, SqlConnectionStore, SqlPostingLog } from "./sql-topcv-stores";
import { sharedPglite } from "./test-pglite";
import { topcvStoreContract } from "./topcv-store-contract";

describe("topcv-client's in-memory stores", () => {
  topcvStoreContract(async () => ({
    tenantId: "t1",
    otherTenantId: "t2",
    stores: { postings: new InMemoryPostingStore(), log: new InMemoryPostingLog() },
    other: { postings: new InMemoryPostingStore(), log: new InMemoryPostingLog() },
    connections: new InMemoryConnectionStore(),
  }));
});

describe("topcv-client stores on PGlite", () => {
  const { database, newTenant } = sharedPglite();
  topcvStoreContract(async () => {
    const sql = await database();
    const tenantId = newTenant();
    const otherTenantId = newTenant();
    return {
      tenantId,
      otherTenantId,
      stores: createSqlTopCvStores(sql, tenantId),
      other: createSqlTopCvStores(sql, otherTenantId),
      connections: new SqlConnectionStore(sql),
    };
  });

  it("finds an endpoint token through the unique index of its hash, never storing the token there", async () => {
    const sql = await database();
    const connections = new SqlConnectionStore(sql);
    const token = createEndpointToken();
    await connections.put({
      tenantId: "index-probe",
      accessToken: "a",
      secretKey: "s",
      endpointToken: token,
      employer: { id: "1", companyName: "C" },
      configuredAt: new Date("2026-11-21T02:00:00Z"),
    });
    const { rows } = await sql.query<{ endpoint_token_sha256: string }>(
      "SELECT endpoint_token_sha256 FROM topcv_connections WHERE tenant_id = 'index-probe'",
    );
    expect(rows[0]?.endpoint_token_sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0]?.endpoint_token_sha256).not.toContain(token);
    // With sequential scans priced out, the planner must have an index to answer the lookup.
    const plan = await sql.transaction(async (tx) => {
      await tx.query("SET LOCAL enable_seqscan = off");
      const { rows: lines } = await tx.query<{ "QUERY PLAN": string }>(
        "EXPLAIN SELECT tenant_id FROM topcv_connections WHERE endpoint_token_sha256 = $1",
        [rows[0]?.endpoint_token_sha256],
      );
      return lines.map((line) => line["QUERY PLAN"]).join("\n");
    });
    expect(plan).toContain("topcv_connections_endpoint");
    expect(plan).not.toContain("Seq Scan");
  });

  it("refuses one endpoint token for two tenants", async () => {
    const connections = new SqlConnectionStore(await database());
    const token = createEndpointToken();
    const record = {
      tenantId: "token-a",
      accessToken: "a",
      secretKey: "s",
      endpointToken: token,
      employer: { id: "1", companyName: "C" },
      configuredAt: new Date("2026-11-21T02:00:00Z"),
    };
    await connections.put(record);
    const error = await connections
      .put({ ...record, tenantId: "token-b" })
      .catch((caught: unknown) => caught);
    expect(ConflictError.is(error)).toBe(true);
    expect(String((error as Error).message)).not.toContain(token);
    expect(await connections.get("token-b")).toBeUndefined();
    expect((await connections.findByEndpointToken(token))?.tenantId).toBe("token-a");
  });

  it("lists the posting log by time even when an entry is appended late, and ignores a repeated append", async () => {
    const log = new SqlPostingLog(await database(), newTenant());
    const base: PostingLogEntry = {
      id: "late",
      at: new Date("2026-11-21T02:00:10Z"),
      operation: "update",
      atsJobId: "job-1",
      topcvJobId: "tc-1",
      outcome: "succeeded",
      request: { method: "PUT", url: "https://api.topcv.vn/partner/v1/jobs/tc-1", headers: {}, body: null },
      response: { status: 200, body: "{}" },
      error: null,
      attempts: 1,
    };
    await log.append({ ...base, id: "newer", at: new Date("2026-11-21T02:00:20Z") });
    await log.append(base);
    await log.append({ ...base, outcome: "failed" });
    const entries = await log.list();
    expect(entries.map((entry) => entry.id)).toEqual(["late", "newer"]);
    expect(entries[0]?.outcome).toBe("succeeded");
  });
});
