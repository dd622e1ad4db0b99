import {
  InMemoryCheckpointStore,
  InMemoryImportedCandidateStore,
  InMemoryReservationStore,
  InMemorySeminarMappingStore,
  InMemorySlotLedger,
} from "@org/robo-import";
import { describe, expect, it } from "vitest";
import { type ImportTenantStores, importStoreContract } from "./import-store-contract";
import { createSqlImportStores, SqlReservationStore } from "./sql-import-stores";
import { sharedPglite } from "./test-pglite";

const inMemory = (): ImportTenantStores => ({
  checkpoints: new InMemoryCheckpointStore(),
  slots: new InMemorySlotLedger(),
  candidates: new InMemoryImportedCandidateStore(),
  mappings: new InMemorySeminarMappingStore(),
  reservations: new InMemoryReservationStore(),
});

describe("robo-import's in-memory stores", () => {
  importStoreContract(async () => ({ stores: inMemory(), other: inMemory() }));
});

describe("robo-import stores on PGlite", () => {
  const { database, newTenant } = sharedPglite();
  importStoreContract(async () => {
    const sql = await database();
    return {
      stores: createSqlImportStores(sql, newTenant()),
      other: createSqlImportStores(sql, newTenant()),
    };
  });

  it("refuses a reservation id that another reservation already has", async () => {
    const reservations = new SqlReservationStore(await database(), newTenant());
    const reservation = {
      id: "r-1",
      eventId: "EV-100",
      candidateId: "cand-1",
      provider: "mynavi-shinsotsu",
      externalId: "S-1:5001",
      status: "reserved" as const,
      reservedAt: new Date("2026-11-21T00:00:00Z"),
      updatedAt: new Date("2026-11-21T00:01:00Z"),
    };
    await reservations.upsert(reservation);
    await expect(reservations.upsert({ ...reservation, externalId: "S-2:5001" })).rejects.toThrow(
      /already belongs/,
    );
    expect(await reservations.get("mynavi-shinsotsu", "S-2:5001")).toBeUndefined();
  });
});
