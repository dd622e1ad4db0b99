import type { BoardRecord } from "./board-record";
import type { BoardId } from "./boards";

/**
 * One board account of a tenant (several per board are allowed). `login` is the board-side
 * identity (login id or company id): it becomes the application source's `account`, so deleting
 * the account in the ATS and adding it again still recognises what was imported (seed 000 warns
 * that the original product imports such candidates twice).
 */
export interface BoardAccount {
  /** The ATS's id of this account setting. */
  id: string;
  board: BoardId;
  /** The board-side account identity (login id, company id). */
  login: string;
  /** Off: neither imported nor login-checked (seed 000, ※1). */
  enabled: boolean;
  /** MIWS: the graduation year of this account (初期表示年度); MIWS accounts are per year. */
  graduationYear?: number;
}

/** The time window of one fetch: applications at or after `from` (inclusive), up to `to`. */
export interface FetchWindow {
  from: Date;
  to: Date;
}

/** What a source yields: a record, or a problem it met (a damaged row, a missing column). */
export type SourceItem =
  | { kind: "record"; record: BoardRecord }
  | { kind: "problem"; message: string; line?: number; fatal?: boolean; raw?: unknown };

/** What a source is asked for. */
export interface FetchRequest {
  account: BoardAccount;
  window: FetchWindow;
  signal?: AbortSignal;
}

/**
 * The port an ATS plugs its board robots into: the applications of one board account for a
 * time window, as an async iterable, so that a large export streams through the pipeline.
 * A source reports damaged input as `problem` items instead of throwing; a thrown error means
 * the whole fetch failed (login refused, network down) and is reported for the account.
 */
export interface BoardSource {
  fetch(request: FetchRequest): AsyncIterable<SourceItem>;
}
