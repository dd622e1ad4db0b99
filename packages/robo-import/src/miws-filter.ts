import { toNfkc } from "@org/ats-core";
import type { BoardRecord } from "./board-record";

/**
 * MyNavi new graduates (MIWS), seed 001_079bb88f64957f98.txt: only candidates whose 選考フロー is
 * プレサイト期間 (pre-entry in the internship period) or 本サイト採用 (pre-entry in the main period)
 * are imported.
 */
export const MIWS_IMPORTED_FLOWS: readonly string[] = ["プレサイト期間", "本サイト採用"];

/** True when the MIWS record's 選考フロー is one that is imported. */
export function miwsSelectionFlowAllows(record: BoardRecord): boolean {
  const flow = record.fields["選考フロー"];
  return flow !== undefined && MIWS_IMPORTED_FLOWS.includes(toNfkc(flow).trim());
}

/** The candidate label for a graduation year, from the MIWS account's 初期表示年度: `2027年卒`. */
export function miwsGraduationLabel(year: number): string {
  return `${year}年卒`;
}
