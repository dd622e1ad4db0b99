import type { Reservation } from "@org/ats-core";
import type { BoardAccount } from "./board-source";
import type { SeminarMapping } from "./miws-seminar-mapping";

/** A seminar reservation as MIWS shows it. */
export interface MiwsReservation {
  /** The student's MIWS id: the external id the candidate was imported with. */
  studentId: string;
  seminarNumber: string;
  status: Reservation["status"];
  reservedAt: Date;
}

/** Where MIWS reservations come from (the MIWS robot, at each import run). */
export interface MiwsReservationSource {
  fetch(account: BoardAccount): AsyncIterable<MiwsReservation>;
}

/**
 * The candidates this importer created, by the board identity they came with: only they have
 * their reservations synced (seed 001: "更新対象は「RoboRoboで取り込んだ候補者」").
 */
export interface ImportedCandidateStore {
  remember(key: { board: string; login: string; externalId: string }, candidateId: string): Promise<void>;
  find(key: { board: string; login: string; externalId: string }): Promise<string | undefined>;
}

/** In-memory {@link ImportedCandidateStore}. */
export class InMemoryImportedCandidateStore implements ImportedCandidateStore {
  private readonly candidates = new Map<string, string>();
  async remember(key: { board: string; login: string; externalId: string }, candidateId: string) {
    this.candidates.set(`${key.board}\u001f${key.login}\u001f${key.externalId}`, candidateId);
  }
  async find(key: { board: string; login: string; externalId: string }) {
    return this.candidates.get(`${key.board}\u001f${key.login}\u001f${key.externalId}`);
  }
}

/** Reservations of the ATS, written by the sync (an upsert by provider + external id). */
export interface ReservationStore {
  upsert(reservation: Reservation): Promise<void>;
}

/**
 * In-memory {@link ReservationStore}, with the reads an ATS needs: keyed by provider and external
 * id, keeping the id a reservation was first stored with; values copied in and out.
 */
export class InMemoryReservationStore implements ReservationStore {
  private readonly reservations = new Map<string, Reservation>();

  async upsert(reservation: Reservation): Promise<void> {
    const key = reservationKey(reservation.provider, reservation.externalId);
    const id = this.reservations.get(key)?.id ?? reservation.id;
    this.reservations.set(key, structuredClone({ ...reservation, id }));
  }

  /** The reservation a board knows by `externalId`, if synced. */
  async get(provider: string, externalId: string): Promise<Reservation | undefined> {
    const found = this.reservations.get(reservationKey(provider, externalId));
    return found && structuredClone(found);
  }

  /** A candidate's reservations, oldest first. */
  async listByCandidate(candidateId: string): Promise<Reservation[]> {
    return [...this.reservations.values()]
      .filter((reservation) => reservation.candidateId === candidateId)
      .sort(
        (a, b) =>
          a.reservedAt.getTime() - b.reservedAt.getTime() ||
          a.provider.localeCompare(b.provider) ||
          a.externalId.localeCompare(b.externalId),
      )
      .map((reservation) => structuredClone(reservation));
  }
}

const reservationKey = (provider: string, externalId: string) => JSON.stringify([provider, externalId]);

/** What one sync did. */
export interface ReservationSyncReport {
  synced: number;
  /** Reservations of students this importer did not import (not synced, by design). */
  notImported: number;
  /** Reservations of seminars the mapping does not name, by seminar number. */
  unmappedSeminars: Map<string, number>;
}

/** Dependencies of {@link syncMiwsReservations}. */
export interface ReservationSyncDeps {
  source: MiwsReservationSource;
  candidates: ImportedCandidateStore;
  reservations: ReservationStore;
  clock?: () => Date;
}

/**
 * Syncs MIWS seminar reservations into ATS event reservations for the candidates this importer
 * imported. Run it at the start of each import run, with the mapping read at that moment: a
 * candidate imported by the run gets its reservations at the next run, as in the seed.
 */
export async function syncMiwsReservations(
  account: BoardAccount,
  mapping: SeminarMapping | undefined,
  deps: ReservationSyncDeps,
): Promise<ReservationSyncReport> {
  const report: ReservationSyncReport = { synced: 0, notImported: 0, unmappedSeminars: new Map() };
  const now = (deps.clock ?? (() => new Date()))();
  for await (const reservation of deps.source.fetch(account)) {
    const candidateId = await deps.candidates.find({
      board: account.board,
      login: account.login,
      externalId: reservation.studentId,
    });
    if (candidateId === undefined) {
      report.notImported++;
      continue;
    }
    const eventId = mapping?.seminarToEvent.get(reservation.seminarNumber);
    if (eventId === undefined) {
      report.unmappedSeminars.set(
        reservation.seminarNumber,
        (report.unmappedSeminars.get(reservation.seminarNumber) ?? 0) + 1,
      );
      continue;
    }
    // MIWS accounts are per graduation year: the account is part of the reservation's identity.
    const externalId = `${account.login}:${reservation.studentId}:${reservation.seminarNumber}`;
    await deps.reservations.upsert({
      id: `miws:${externalId}`,
      eventId,
      candidateId,
      provider: "mynavi-shinsotsu",
      externalId,
      status: reservation.status,
      reservedAt: reservation.reservedAt,
      updatedAt: now,
    });
    report.synced++;
  }
  return report;
}

/**
 * The pipeline hook that remembers which candidates this importer created, for
 * {@link syncMiwsReservations}: pass it as `onImported` to the `ImportPipeline`.
 */
export function rememberImportedCandidates(store: ImportedCandidateStore) {
  return async (
    account: BoardAccount,
    outcome: { candidate: { id: string } },
    record: { externalId: string | null },
  ): Promise<void> => {
    if (record.externalId === null) return;
    await store.remember(
      { board: account.board, login: account.login, externalId: record.externalId },
      outcome.candidate.id,
    );
  };
}
