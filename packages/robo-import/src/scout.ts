import { type RouteKind, toNfkc } from "@org/ats-core";
import type { BoardRecord } from "./board-record";
import type { BoardId } from "./boards";

/**
 * Scout detection per board, exactly as the table in seed 000_10d8d68d599dfcc2.txt
 * ("スカウト or 自主応募の判定基準") says. Each detector is a pure function of the record. A board
 * that cannot tell answers `unknown` (named 通常応募 by the route namer); so does a detectable
 * board whose signal is missing from the record (a renamed column, a robot that did not read the
 * detail page), so that a missing signal is never mistaken for a normal application.
 */
export type ScoutDetector = (record: BoardRecord) => RouteKind;

const fold = toNfkc;
const mentionsScout = (text: string) => fold(text).includes("スカウト");

/** Reads a field; `undefined` when the record has no such column. */
function field(record: BoardRecord, name: string): string | undefined {
  return Object.hasOwn(record.fields, name) ? record.fields[name] : undefined;
}

function byField(name: string, test: (value: string) => boolean): ScoutDetector {
  return (record) => {
    const value = field(record, name);
    if (value === undefined) return "unknown";
    return test(value) ? "scout" : "normal";
  };
}

function byTags(record: BoardRecord): RouteKind {
  if (record.tags === undefined) return "unknown";
  return record.tags.some(mentionsScout) ? "scout" : "normal";
}

const cannotTell: ScoutDetector = () => "unknown";

/** The detector of every board. */
export const SCOUT_DETECTORS: Readonly<Record<BoardId, ScoutDetector>> = Object.freeze({
  // CSV column エントリー経路 is 1.
  ambi: byField("エントリー経路", (value) => fold(value).trim() === "1"),
  // スカウト種別 is filled in.
  "mynavi-tenshoku": byField("スカウト種別", (value) => fold(value).trim() !== ""),
  // The 応募日 cell of the 応募一覧 row says スカウト.
  paiza: byField("応募日", mentionsScout),
  // The entry detail shows いいね! or スカウト.
  forkwell: (record) => {
    if (record.detailText === undefined) return "unknown";
    const text = fold(record.detailText);
    return text.includes("いいね!") || text.includes("スカウト") ? "scout" : "normal";
  },
  // A first reply to a scout.
  youtrust: (record) =>
    record.isFirstScoutReply === undefined ? "unknown" : record.isFirstScoutReply ? "scout" : "normal",
  // A tag in the 選考中 row / 応募者管理 row / 候補者 row says スカウト.
  "job-medley": byTags,
  "kaigo-job": byTags,
  wantedly: byTags,
  // CSV column 応募区分 contains スカウト (エンダイレクト included).
  "en-tenshoku": byField("応募区分", mentionsScout),
  // The ステータス on アプローチ管理 contains スカウト.
  green: (record) => {
    const status = record.statusText ?? field(record, "ステータス");
    if (status === undefined) return "unknown";
    return mentionsScout(status) ? "scout" : "normal";
  },
  doda: cannotTell,
  "doda-campus": cannotTell,
  engage: cannotTell,
  offerbox: cannotTell,
  iroots: cannotTell,
  baitoru: cannotTell,
  "rikunabi-next": cannotTell,
  "mynavi-shinsotsu": cannotTell,
});

/** Whether `record` from `board` is a scout, a normal application, or cannot be told. */
export function detectScout(board: BoardId, record: BoardRecord): RouteKind {
  return SCOUT_DETECTORS[board](record);
}
