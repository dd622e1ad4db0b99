import { ConflictError, type Reservation, ReservationSchema } from "@org/ats-core";
import type {
  CheckpointStore,
  ImportedCandidateStore,
  ReservationStore,
  SeminarMapping,
  SeminarMappingStore,
  SlotLedger,
} from "@org/robo-import";
import { isUniqueViolation, type SqlClient } from "./database";

/*
 * @org/robo-import's store ports on SQL, for one tenant per instance. Primary keys, not prior
 * lookups, decide races: a slot is claimed by the one insert that lands, and a reservation is
 * written by an upsert on (provider, external id).
 */

/** {@link CheckpointStore} on SQL: the end of each board account's last confirmed window. */
export class SqlCheckpointStore implements CheckpointStore {
  constructor(
    private readonly db: SqlClient,
    private readonly tenantId: string,
  ) {}

  /** The account's checkpoint, or `undefined` before its first confirmed window. */
  async get(accountId: string) {
    const { rows } = await this.db.query<{ at: Date }>(
      "SELECT at FROM import_checkpoints WHERE tenant_id = $1 AND account_id = $2",
      [this.tenantId, accountId],
    );
    return rows[0] && new Date(rows[0].at);
  }

  /** Moves the account's checkpoint to `at` (set only after the sink confirmed the window). */
  async set(accountId: string, at: Date) {
    await this.db.query(
      `INSERT INTO import_checkpoints (tenant_id, account_id, at) VALUES ($1, $2, $3)
       ON CONFLICT (tenant_id, account_id) DO UPDATE SET at = EXCLUDED.at`,
      [this.tenantId, accountId, at],
    );
  }
}

/** {@link SlotLedger} on SQL: each slot occurrence is claimed once, across processes and restarts. */
export class SqlSlotLedger implements SlotLedger {
  constructor(
    private readonly db: SqlClient,
    private readonly tenantId: string,
  ) {}

  /** See {@link SlotLedger.claim}: the one insert that lands returns the key; every other, nothing. */
  async claim(key: string) {
    const { rows } = await this.db.query(
      "INSERT INTO import_slot_claims (tenant_id, key) VALUES ($1, $2) ON CONFLICT (tenant_id, key) DO NOTHING RETURNING key",
      [this.tenantId, key],
    );
    return rows.length === 1;
  }
}

/** {@link ImportedCandidateStore} on SQL: board, login and external id are columns of the key. */
export class SqlImportedCandidateStore implements ImportedCandidateStore {
  constructor(
    private readonly db: SqlClient,
    private readonly tenantId: string,
  ) {}

  /** Remembers that the importer created `candidateId` for this board identity (replaces). */
  async remember(key: { board: string; login: string; externalId: string }, candidateId: string) {
    await this.db.query(
      `INSERT INTO imported_candidates (tenant_id, board, login, external_id, candidate_id) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (tenant_id, board, login, external_id) DO UPDATE SET candidate_id = EXCLUDED.candidate_id`,
      [this.tenantId, key.board, key.login, key.externalId, candidateId],
    );
  }

  /** The candidate the importer created for this board identity, or `undefined`. */
  async find(key: { board: string; login: string; externalId: string }) {
    const { rows } = await this.db.query<{ candidate_id: string }>(
      "SELECT candidate_id FROM imported_candidates WHERE tenant_id = $1 AND board = $2 AND login = $3 AND external_id = $4",
      [this.tenantId, key.board, key.login, key.externalId],
    );
    return rows[0]?.candidate_id;
  }
}

/** {@link SeminarMappingStore} on SQL: the current mapping of each account, rows in the file's order. */
export class SqlSeminarMappingStore implements SeminarMappingStore {
  constructor(
    private readonly db: SqlClient,
    private readonly tenantId: string,
  ) {}

  /** The account's current mapping, or `undefined` when none was uploaded. */
  async get(accountId: string): Promise<SeminarMapping | undefined> {
    const { rows } = await this.db.query<{ seminar_to_event: [string, string][]; uploaded_at: Date }>(
      "SELECT seminar_to_event, uploaded_at FROM seminar_mappings WHERE tenant_id = $1 AND account_id = $2",
      [this.tenantId, accountId],
    );
    const row = rows[0];
    return row && { seminarToEvent: new Map(row.seminar_to_event), uploadedAt: new Date(row.uploaded_at) };
  }

  /** Replaces the account's mapping (it applies from the next import run). */
  async put(accountId: string, mapping: SeminarMapping) {
    await this.db.query(
      `INSERT INTO seminar_mappings (tenant_id, account_id, seminar_to_event, uploaded_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (tenant_id, account_id) DO UPDATE SET seminar_to_event = EXCLUDED.seminar_to_event, uploaded_at = EXCLUDED.uploaded_at`,
      [this.tenantId, accountId, JSON.stringify([...mapping.seminarToEvent]), mapping.uploadedAt],
    );
  }
}

interface ReservationRow {
  id: string;
  event_id: string;
  candidate_id: string;
  provider: string;
  external_id: string;
  status: string;
  reserved_at: Date;
  updated_at: Date;
}

function toReservation(row: ReservationRow): Reservation {
  return ReservationSchema.parse({
    id: row.id,
    eventId: row.event_id,
    candidateId: row.candidate_id,
    provider: row.provider,
    externalId: row.external_id,
    status: row.status,
    reservedAt: new Date(row.reserved_at),
    updatedAt: new Date(row.updated_at),
  });
}

/**
 * {@link ReservationStore} on SQL, with the reads the ATS needs. A reservation is identified by
 * its provider and external id: a re-sync updates it in place and it keeps the id it was first
 * stored with.
 */
export class SqlReservationStore implements ReservationStore {
  constructor(
    private readonly db: SqlClient,
    private readonly tenantId: string,
  ) {}

  /**
   * Inserts the reservation, or updates the one with the same provider and external id.
   * @throws ConflictError when its id belongs to another reservation (another provider or external id).
   */
  async upsert(reservation: Reservation) {
    try {
      await this.db.query(
        `INSERT INTO reservations (tenant_id, provider, external_id, id, event_id, candidate_id, status, reserved_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (tenant_id, provider, external_id) DO UPDATE SET event_id = EXCLUDED.event_id,
           candidate_id = EXCLUDED.candidate_id, status = EXCLUDED.status, reserved_at = EXCLUDED.reserved_at,
           updated_at = EXCLUDED.updated_at`,
        [
          this.tenantId,
          reservation.provider,
          reservation.externalId,
          reservation.id,
          reservation.eventId,
          reservation.candidateId,
          reservation.status,
          reservation.reservedAt,
          reservation.updatedAt,
        ],
      );
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ConflictError(
          reservation.id,
          `Reservation id "${reservation.id}" already belongs to another ${reservation.provider} reservation; ids must be unique per tenant.`,
          { cause: error },
        );
      }
      throw error;
    }
  }

  /** The reservation a provider knows by `externalId`, or `undefined`. */
  async get(provider: string, externalId: string): Promise<Reservation | undefined> {
    const { rows } = await this.db.query<ReservationRow>(
      "SELECT * FROM reservations WHERE tenant_id = $1 AND provider = $2 AND external_id = $3",
      [this.tenantId, provider, externalId],
    );
    return rows[0] && toReservation(rows[0]);
  }

  /** A candidate's reservations, by reservation time then provider and external id. */
  async listByCandidate(candidateId: string): Promise<Reservation[]> {
    const { rows } = await this.db.query<ReservationRow>(
      "SELECT * FROM reservations WHERE tenant_id = $1 AND candidate_id = $2 ORDER BY reserved_at, provider, external_id",
      [this.tenantId, candidateId],
    );
    return rows.map(toReservation);
  }
}

/** One tenant's robo-import stores on SQL. */
export interface SqlImportStores {
  checkpoints: SqlCheckpointStore;
  slots: SqlSlotLedger;
  candidates: SqlImportedCandidateStore;
  mappings: SqlSeminarMappingStore;
  reservations: SqlReservationStore;
}

/** The robo-import stores of one tenant on `db`. */
export function createSqlImportStores(db: SqlClient, tenantId: string): SqlImportStores {
  return {
    checkpoints: new SqlCheckpointStore(db, tenantId),
    slots: new SqlSlotLedger(db, tenantId),
    candidates: new SqlImportedCandidateStore(db, tenantId),
    mappings: new SqlSeminarMappingStore(db, tenantId),
    reservations: new SqlReservationStore(db, tenantId),
  };
}
