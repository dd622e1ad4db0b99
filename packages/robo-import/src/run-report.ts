import type { BoardId } from "./boards";

/** One thing that went wrong, precisely enough to act on. */
export interface RunError {
  accountId: string;
  /** The board, when the error concerns one. */
  board?: BoardId;
  /** Line in the export, when the error is about one row. */
  line?: number;
  externalId?: string;
  reason: string;
  /** The row or record as received, so nothing is lost. */
  raw?: unknown;
}

/** Counts for one route (応募経路) of one board. */
export interface RouteCounts {
  /** Route name, e.g. `AMBI (スカウト)`. */
  route: string;
  board: BoardId;
  /** New applications stored. */
  new: number;
  /** Already imported (same board, account and external id): skipped. */
  skipped: number;
  /** Stored and flagged as a possible duplicate of a known candidate. */
  possibleDuplicates: number;
  /** Stored without a job (no routing rule matched, or the board is assigned by hand). */
  unassigned: number;
}

/** What happened to one board account in a run. */
export interface AccountOutcome {
  accountId: string;
  board: BoardId;
  status: "imported" | "failed" | "disabled" | "login_failed";
  window?: { from: Date; to: Date };
  /** Whether the checkpoint moved to the window's end. */
  checkpointMoved: boolean;
  /** Records outside the window or filtered out (e.g. MIWS 選考フロー), not imported by design. */
  filtered: number;
}

/** The report of one import run, sent to the notification addresses on completion and on error. */
export interface RunReport {
  tenantId: string;
  trigger: string;
  startedAt: Date;
  finishedAt: Date;
  accounts: AccountOutcome[];
  routes: RouteCounts[];
  errors: RunError[];
}

/** True when anything in the run failed. */
export function hasErrors(report: RunReport): boolean {
  return (
    report.errors.length > 0 ||
    report.accounts.some((account) => account.status === "failed" || account.status === "login_failed")
  );
}

/** Totals over all routes. */
export function totals(report: RunReport): Omit<RouteCounts, "route" | "board"> {
  const sum = { new: 0, skipped: 0, possibleDuplicates: 0, unassigned: 0 };
  for (const counts of report.routes) {
    sum.new += counts.new;
    sum.skipped += counts.skipped;
    sum.possibleDuplicates += counts.possibleDuplicates;
    sum.unassigned += counts.unassigned;
  }
  return sum;
}

/** The report as an e-mail: a subject saying whether it failed, and a plain-text body in Japanese and English. */
export function formatRunReport(report: RunReport): { subject: string; text: string } {
  const sum = totals(report);
  const failed = hasErrors(report);
  const subject = `${failed ? "【エラーあり】" : "【完了】"}応募者取り込み ${report.tenantId}: 新規 ${sum.new} / skipped ${sum.skipped} / errors ${report.errors.length}`;
  const lines = [
    `取り込み結果 / Import run (${report.trigger}) ${report.startedAt.toISOString()} – ${report.finishedAt.toISOString()}`,
    "",
    "応募経路 / route: 新規 new, 重複スキップ skipped, 重複の可能性 possible duplicates, 未振り分け unassigned",
    ...report.routes.map(
      (counts) =>
        `  ${counts.route}: ${counts.new}, ${counts.skipped}, ${counts.possibleDuplicates}, ${counts.unassigned}`,
    ),
    "",
    "アカウント / accounts:",
    ...report.accounts.map(
      (account) =>
        `  ${account.board} ${account.accountId}: ${account.status}${account.filtered ? ` (${account.filtered} filtered)` : ""}`,
    ),
  ];
  if (report.errors.length > 0) {
    lines.push("", `エラー / errors (${report.errors.length}):`);
    for (const error of report.errors) {
      const where = [
        error.board ?? "",
        error.accountId,
        error.line ? `line ${error.line}` : "",
        error.externalId ?? "",
      ]
        .filter(Boolean)
        .join(" ");
      lines.push(`  [${where}] ${error.reason}`);
    }
  }
  return { subject, text: lines.join("\n") };
}
