import type { Reservation } from "@org/ats-core";
import {
  type BoardAccount,
  type CheckpointStore,
  type ImportedCandidateStore,
  type MiwsReservation,
  parseSeminarMapping,
  type ReservationStore,
  type SeminarMappingStore,
  type SlotLedger,
  syncMiwsReservations,
} from "@org/robo-import";
import { expect, it } from "vitest";

const T0 = new Date("2026-11-21T09:00:00+09:00");
const later = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

/** {@link ReservationStore} with the reads the contract checks an upsert by. */
export interface ReadableReservationStore extends ReservationStore {
  get(provider: string, externalId: string): Promise<Reservation | undefined>;
  listByCandidate(candidateId: string): Promise<Reservation[]>;
}

/** One tenant's import stores. */
export interface ImportTenantStores {
  checkpoints: CheckpointStore;
  slots: SlotLedger;
  candidates: ImportedCandidateStore;
  mappings: SeminarMappingStore;
  reservations: ReadableReservationStore;
}

/**
 * What @org/robo-import expects of its store ports, run against its in-memory stores, PGlite
 * (`pnpm test`) and PostgreSQL (`pnpm test:services`). `other` is another tenant.
 */
export function importStoreContract(
  open: () => Promise<{ stores: ImportTenantStores; other: ImportTenantStores }>,
) {
  it("moves each account's checkpoint, Dates intact, tenants apart", async () => {
    const { stores, other } = await open();
    expect(await stores.checkpoints.get("acct-1")).toBeUndefined();
    await stores.checkpoints.set("acct-1", T0);
    const got = await stores.checkpoints.get("acct-1");
    expect(got).toBeInstanceOf(Date);
    expect(got?.getTime()).toBe(T0.getTime());
    await stores.checkpoints.set("acct-1", later(3600));
    await stores.checkpoints.set("acct-2", later(60));
    expect(await stores.checkpoints.get("acct-1")).toEqual(later(3600));
    expect(await stores.checkpoints.get("acct-2")).toEqual(later(60));
    expect(await other.checkpoints.get("acct-1")).toBeUndefined();
    await other.checkpoints.set("acct-1", T0);
    expect(await stores.checkpoints.get("acct-1")).toEqual(later(3600));
  });

  it("lets one claim of a slot occurrence win, however many race", async () => {
    const { stores, other } = await open();
    // Several rounds: on a connection pool the first round also opens the connections, so the
    // later rounds are the ones that really run side by side.
    const key = "acct-1@2026-11-21T09:00+09:00";
    for (const round of ["06:00", "07:00", "08:00", "09:00"]) {
      const racedKey = `acct-1@2026-11-21T${round}+09:00`;
      const claims = await Promise.all(Array.from({ length: 8 }, () => stores.slots.claim(racedKey)));
      expect(claims.filter(Boolean)).toHaveLength(1);
    }
    expect(await stores.slots.claim(key)).toBe(false);
    expect(await stores.slots.claim("acct-1@2026-11-21T12:00+09:00")).toBe(true);
    // Another tenant's slots are its own.
    expect(await other.slots.claim(key)).toBe(true);
  });

  it("remembers which candidates the importer created, by board, login and external id", async () => {
    const { stores, other } = await open();
    const key = { board: "mynavi-shinsotsu", login: "company-7", externalId: "S-1" };
    expect(await stores.candidates.find(key)).toBeUndefined();
    await stores.candidates.remember(key, "cand-1");
    expect(await stores.candidates.find(key)).toBe("cand-1");
    expect(await stores.candidates.find({ ...key, board: "rikunabi-shinsotsu" })).toBeUndefined();
    expect(await stores.candidates.find({ ...key, login: "company-8" })).toBeUndefined();
    expect(await stores.candidates.find({ ...key, externalId: "S-2" })).toBeUndefined();
    // After a merge the importer points the identity at the surviving candidate.
    await stores.candidates.remember(key, "cand-2");
    expect(await stores.candidates.find(key)).toBe("cand-2");
    expect(await other.candidates.find(key)).toBeUndefined();
  });

  it("keeps each account's current seminar mapping, replaced by the next upload", async () => {
    const { stores, other } = await open();
    const known = () => true;
    const utf8 = (text: string) => new TextEncoder().encode(text);
    const first = parseSeminarMapping(
      utf8("イベントID,セミナー番号\nEV-100,5001\nEV-100,5002\nEV-200,4001\n"),
      known,
      T0,
    );
    expect(await stores.mappings.get("acct-1")).toBeUndefined();
    await stores.mappings.put("acct-1", first);
    const got = await stores.mappings.get("acct-1");
    expect(got?.uploadedAt).toEqual(T0);
    expect(got?.uploadedAt).toBeInstanceOf(Date);
    expect([...(got?.seminarToEvent ?? [])]).toEqual([
      ["5001", "EV-100"],
      ["5002", "EV-100"],
      ["4001", "EV-200"],
    ]);
    const second = parseSeminarMapping(utf8("EV-300,5001\n"), known, later(600));
    await stores.mappings.put("acct-1", second);
    expect(await stores.mappings.get("acct-1")).toEqual(second);
    expect(await stores.mappings.get("acct-2")).toBeUndefined();
    expect(await other.mappings.get("acct-1")).toBeUndefined();
  });

  const reservation: Reservation = {
    id: "miws:company-7:S-1:5001",
    eventId: "EV-100",
    candidateId: "cand-1",
    provider: "mynavi-shinsotsu",
    externalId: "S-1:5001",
    status: "reserved",
    reservedAt: T0,
    updatedAt: later(60),
  };

  it("upserts a reservation by provider and external id, keeping its first id", async () => {
    const { stores, other } = await open();
    await stores.reservations.upsert(reservation);
    const got = await stores.reservations.get("mynavi-shinsotsu", "S-1:5001");
    expect(got).toEqual(reservation);
    expect(got?.reservedAt).toBeInstanceOf(Date);
    const cancelled = {
      ...reservation,
      id: "miws:company-8:S-1:5001",
      status: "cancelled" as const,
      updatedAt: later(120),
    };
    await stores.reservations.upsert(cancelled);
    expect(await stores.reservations.get("mynavi-shinsotsu", "S-1:5001")).toEqual({
      ...cancelled,
      id: reservation.id,
    });
    // Another provider's reservation with the same external id is another reservation.
    const elsewhere = {
      ...reservation,
      id: "other:S-1:5001",
      provider: "other-board",
      reservedAt: later(-60),
    };
    await stores.reservations.upsert(elsewhere);
    expect(
      (await stores.reservations.listByCandidate("cand-1")).map((item) => [item.provider, item.status]),
    ).toEqual([
      ["other-board", "reserved"],
      ["mynavi-shinsotsu", "cancelled"],
    ]);
    // Re-syncs racing each other still leave one reservation.
    const statuses = ["attended", "absent", "reserved", "cancelled"] as const;
    await Promise.all(
      statuses.map((status, index) =>
        stores.reservations.upsert({
          ...reservation,
          id: "miws:company-7:S-1:6001",
          externalId: "S-1:6001",
          status,
          updatedAt: later(index),
        }),
      ),
    );
    const raced = (await stores.reservations.listByCandidate("cand-1")).filter(
      (item) => item.externalId === "S-1:6001",
    );
    expect(raced).toHaveLength(1);
    expect(statuses).toContain(raced[0]?.status);
    expect(await other.reservations.get("mynavi-shinsotsu", "S-1:5001")).toBeUndefined();
    expect(await other.reservations.listByCandidate("cand-1")).toEqual([]);
  });

  it("backs the MIWS reservation sync: imported students only, and a re-sync updates in place", async () => {
    const { stores } = await open();
    const account: BoardAccount = {
      id: "acct-1",
      board: "mynavi-shinsotsu",
      login: "company-7",
      enabled: true,
    };
    await stores.candidates.remember(
      { board: account.board, login: account.login, externalId: "S-1" },
      "cand-1",
    );
    await stores.mappings.put(
      account.id,
      parseSeminarMapping(new TextEncoder().encode("EV-100,5001\n"), () => true, T0),
    );
    let feed: MiwsReservation[] = [
      { studentId: "S-1", seminarNumber: "5001", status: "reserved", reservedAt: T0 },
      { studentId: "S-9", seminarNumber: "5001", status: "reserved", reservedAt: T0 },
    ];
    const deps = {
      source: {
        fetch: async function* () {
          yield* feed;
        },
      },
      candidates: stores.candidates,
      reservations: stores.reservations,
      clock: () => later(60),
    };
    expect(await syncMiwsReservations(account, await stores.mappings.get(account.id), deps)).toMatchObject({
      synced: 1,
      notImported: 1,
    });
    feed = [{ studentId: "S-1", seminarNumber: "5001", status: "attended", reservedAt: T0 }];
    await syncMiwsReservations(account, await stores.mappings.get(account.id), deps);
    expect(await stores.reservations.listByCandidate("cand-1")).toEqual([
      {
        id: "miws:company-7:S-1:5001",
        eventId: "EV-100",
        candidateId: "cand-1",
        provider: "mynavi-shinsotsu",
        // The account is part of the identity: MIWS accounts are per graduation year.
        externalId: "company-7:S-1:5001",
        status: "attended",
        reservedAt: T0,
        updatedAt: later(60),
      },
    ]);
  });
}
