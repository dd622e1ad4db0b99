import { type ApplicationDraft, type RecordOutcome, RouteNamer, type Router } from "@org/ats-core";
import type { BoardRecord } from "./board-record";
import type { BoardAccount, BoardSource, FetchWindow, SourceItem } from "./board-source";
import { BOARD_IDS, BOARDS, type BoardDefinition, type BoardId, isBoardId } from "./boards";
import type { CheckpointStore } from "./checkpoints";
import { mapRecord } from "./column-mapping";
import { miwsGraduationLabel, miwsSelectionFlowAllows } from "./miws-filter";
import type { AccountOutcome, RouteCounts, RunError, RunReport } from "./run-report";
import { detectScout } from "./scout";

/**
 * Where imported applications go: the ATS. `ApplicationRecorder` from @org/ats-core is one (it
 * skips the same application arriving again and flags possible duplicates); an ATS with its own
 * database implements the ats-core store ports behind a recorder, or this interface directly.
 */
export interface ImportSink {
  record(draft: ApplicationDraft): Promise<RecordOutcome>;
}

/** Tells whether a board account's login still works (seed 000: "ログインチェック"). */
export type LoginCheck = (account: BoardAccount) => Promise<{ ok: true } | { ok: false; reason: string }>;

/** Called for every application the run stored, e.g. to remember which candidates this importer created. */
export type ImportedHook = (
  account: BoardAccount,
  outcome: Extract<RecordOutcome, { kind: "stored" }>,
  record: BoardRecord,
) => Promise<void>;

/** Options for {@link ImportPipeline}. */
export interface ImportPipelineOptions {
  tenantId: string;
  /** The source that fetches one account's applications (a board robot, a CSV source). */
  sourceFor(account: BoardAccount): BoardSource;
  sink: ImportSink;
  checkpoints: CheckpointStore;
  /** The tenant's import start date (`YYYY-MM-DD`): the first run also takes the 2 days before it. */
  startDate: string;
  /** The tenant's routing rules (振り分けルール); without them every application is unassigned. */
  router?: Router;
  routeNamer?: RouteNamer;
  /** Board definitions replacing the built-in ones (e.g. renamed export columns). */
  boards?: Partial<Record<BoardId, BoardDefinition>>;
  loginCheck?: LoginCheck;
  onImported?: ImportedHook;
  /** Receives the report at the end of every run, failed or not. */
  notifier?: { notify(report: RunReport): Promise<void> };
  clock?: () => Date;
  /** UTC offset of the tenant's dates. Default `+09:00` (Japan). */
  utcOffset?: string;
}

const DAY_MS = 86_400_000;

// The sink failed: stop this account's run without moving its checkpoint.
class SinkFailure extends Error {}

/**
 * One tenant's import run: every enabled account, each isolated (one failing board does not stop
 * the others), records since the account's checkpoint (first run: from 2 days before the start
 * date, inclusive) → scout detection → route name → routing rules → the sink, which skips the same
 * application arriving again and flags possible duplicates. A checkpoint moves only after the
 * sink has confirmed every record of the window.
 */
export class ImportPipeline {
  private readonly options: ImportPipelineOptions;
  private readonly namer: RouteNamer;
  private readonly clock: () => Date;

  constructor(options: ImportPipelineOptions) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(options.startDate) || Number.isNaN(Date.parse(options.startDate))) {
      throw new RangeError(`startDate must be a date such as 2026-11-01, got "${options.startDate}"`);
    }
    this.options = options;
    this.namer = options.routeNamer ?? new RouteNamer();
    this.clock = options.clock ?? (() => new Date());
  }

  /** The window a run starting at `now` fetches for `account`. */
  async windowFor(account: BoardAccount, now: Date): Promise<FetchWindow> {
    const checkpoint = await this.options.checkpoints.get(account.id);
    if (checkpoint !== undefined) return { from: checkpoint, to: now };
    const start = new Date(`${this.options.startDate}T00:00:00${this.options.utcOffset ?? "+09:00"}`);
    return { from: new Date(start.getTime() - 2 * DAY_MS), to: now };
  }

  /** Runs every account once and returns (and sends) the report. Never throws for an account's failure. */
  async run(
    accounts: readonly BoardAccount[],
    options: { trigger?: string; signal?: AbortSignal } = {},
  ): Promise<RunReport> {
    const report: RunReport = {
      tenantId: this.options.tenantId,
      trigger: options.trigger ?? "manual",
      startedAt: this.clock(),
      finishedAt: this.clock(),
      accounts: [],
      routes: [],
      errors: [],
    };
    for (const account of accounts) {
      report.accounts.push(await this.runAccount(account, report, options.signal));
    }
    report.finishedAt = this.clock();
    if (this.options.notifier) {
      try {
        await this.options.notifier.notify(report);
      } catch (error) {
        report.errors.push({
          accountId: "-",
          reason: `The report e-mail could not be sent: ${describe(error)}`,
        });
      }
    }
    return report;
  }

  /**
   * Imports records that arrived by push (YOUTRUST, in real time) for one account, outside any
   * schedule. Resolves with the report once the sink has stored them, so the push can be answered.
   */
  async importPushed(account: BoardAccount, records: readonly BoardRecord[]): Promise<RunReport> {
    const startedAt = this.clock();
    const report: RunReport = {
      tenantId: this.options.tenantId,
      trigger: "push",
      startedAt,
      finishedAt: startedAt,
      accounts: [],
      routes: [],
      errors: [],
    };
    const outcome: AccountOutcome = {
      accountId: account.id,
      board: account.board,
      status: "imported",
      checkpointMoved: false,
      filtered: 0,
    };
    const items: SourceItem[] = records.map((record) => ({ kind: "record", record }));
    // A push is not windowed: whatever the board pushes now is new to it.
    const window = { from: new Date(0), to: startedAt };
    try {
      const run: AccountRun = { account, window, report, outcome, assignments: new Map() };
      for (const item of items) await this.handleItem(run, item);
    } catch (error) {
      outcome.status = "failed";
      if (!(error instanceof SinkFailure))
        report.errors.push({ accountId: account.id, board: account.board, reason: describe(error) });
    }
    report.accounts.push(outcome);
    report.finishedAt = this.clock();
    return report;
  }

  private async runAccount(
    account: BoardAccount,
    report: RunReport,
    signal: AbortSignal | undefined,
  ): Promise<AccountOutcome> {
    const outcome: AccountOutcome = {
      accountId: account.id,
      board: account.board,
      status: "imported",
      checkpointMoved: false,
      filtered: 0,
    };
    if (!account.enabled) return { ...outcome, status: "disabled" };
    // Accounts come from a database: a board id this version does not know is reported, not run.
    if (!isBoardId(account.board)) {
      report.errors.push({
        accountId: account.id,
        reason: `Unknown board "${account.board}"; known boards: ${BOARD_IDS.join(", ")}`,
      });
      return { ...outcome, status: "failed" };
    }
    if (this.options.loginCheck) {
      const login = await this.options
        .loginCheck(account)
        .catch((error: unknown) => ({ ok: false as const, reason: describe(error) }));
      if (!login.ok) {
        report.errors.push({
          accountId: account.id,
          board: account.board,
          reason: `Login check failed: ${login.reason}`,
        });
        return { ...outcome, status: "login_failed" };
      }
    }
    const window = await this.windowFor(account, report.startedAt);
    outcome.window = window;
    let completeWindow = true;
    try {
      const request = signal === undefined ? { account, window } : { account, window, signal };
      const run: AccountRun = { account, window, report, outcome, assignments: new Map() };
      for await (const item of this.options.sourceFor(account).fetch(request)) {
        if (item.kind === "problem" && item.fatal) completeWindow = false;
        await this.handleItem(run, item);
      }
    } catch (error) {
      completeWindow = false;
      // A sink failure was reported with its record; anything else failed the whole fetch.
      if (!(error instanceof SinkFailure))
        report.errors.push({
          accountId: account.id,
          board: account.board,
          reason: `The fetch failed: ${describe(error)}`,
        });
    }
    if (!completeWindow) {
      outcome.status = "failed";
      return outcome;
    }
    await this.options.checkpoints.set(account.id, window.to);
    outcome.checkpointMoved = true;
    return outcome;
  }

  private async handleItem(run: AccountRun, item: SourceItem): Promise<void> {
    const { account, window, report, outcome } = run;
    if (item.kind === "problem") {
      report.errors.push({
        accountId: account.id,
        board: account.board,
        reason: item.message,
        ...(item.line === undefined ? {} : { line: item.line }),
        ...(item.raw === undefined ? {} : { raw: item.raw }),
      });
      return;
    }
    const { record } = item;
    // Where a record came from, for the report: built only when there is something to report.
    const where = () => ({
      accountId: account.id,
      board: account.board,
      ...(record.line === undefined ? {} : { line: record.line }),
      raw: record.raw,
    });
    if (record.externalId === null) {
      report.errors.push({
        ...where(),
        reason:
          "The record has no application id, so a re-run could not recognise it; it was not imported. Check the export's ID column.",
      });
      return;
    }
    const board = this.options.boards?.[account.board] ?? BOARDS[account.board];
    const mapped = mapRecord(record, board);
    if (mapped.appliedAt !== undefined && mapped.appliedAt.getTime() < window.from.getTime()) {
      outcome.filtered++;
      return;
    }
    const labels: string[] = [];
    if (board.id === "mynavi-shinsotsu") {
      if (!miwsSelectionFlowAllows(record)) {
        outcome.filtered++;
        return;
      }
      if (account.graduationYear !== undefined) labels.push(miwsGraduationLabel(account.graduationYear));
    }
    if (labels.length > 0) mapped.person.labels = labels;

    const route = detectScout(board.id, record);
    const displayName = this.namer.name(board.name, route);
    const assignment = this.assign(run, board, route, mapped.positionName, labels);
    const flags: { code: string; message: string; data?: Record<string, unknown> }[] = [];
    if (mapped.appliedAt === undefined) {
      flags.push({
        code: "applied_at_unreadable",
        message: `The application date "${mapped.appliedAtText}" could not be read; the import time was used`,
        data: { value: mapped.appliedAtText },
      });
    }
    const draft: ApplicationDraft = {
      person: mapped.person,
      phoneRegion: board.phoneRegion,
      jobId: assignment.jobId,
      unassignedReason: assignment.reason,
      source: { provider: board.id, account: account.login, route, displayName, via: "robo-import" },
      externalId: record.externalId,
      appliedAt: mapped.appliedAt ?? window.to,
      labels: [...labels, ...assignment.labels],
      flags,
      // A CSV record's raw form is its cells, already in `fields` by header: kept once.
      raw: Array.isArray(record.raw)
        ? { line: record.line, fields: record.fields }
        : { line: record.line, fields: record.fields, raw: record.raw },
    };
    if (assignment.stageId !== undefined) draft.stageId = assignment.stageId;

    let result: RecordOutcome;
    try {
      result = await this.options.sink.record(draft);
    } catch (error) {
      report.errors.push({
        ...where(),
        externalId: record.externalId,
        reason: `The ATS did not store the application: ${describe(error)}. The run stops for this account; the next run retries from the same checkpoint.`,
      });
      throw new SinkFailure(describe(error));
    }
    const counts = countsFor(report, board.id, displayName);
    if (result.kind === "duplicate") {
      counts.skipped++;
      return;
    }
    counts.new++;
    if (result.possibleDuplicates.length > 0) counts.possibleDuplicates++;
    if (result.application.jobId === null) counts.unassigned++;
    await this.options.onImported?.(account, result, record);
  }

  /**
   * Where an application goes. Routing depends only on the board, route, position and labels, so
   * within one account's run the result for a route and position without labels is computed once
   * and shared: the same explanation string then serves every unassigned application of a position.
   */
  private assign(
    run: AccountRun,
    board: BoardDefinition,
    route: ApplicationDraft["source"]["route"],
    positionName: string | null,
    labels: string[],
  ): Assignment {
    if (labels.length > 0) return this.route(board, route, positionName, labels);
    const key = `${route}\u001f${positionName ?? ""}`;
    let assignment = run.assignments.get(key);
    if (assignment === undefined) {
      assignment = this.route(board, route, positionName, labels);
      run.assignments.set(key, assignment);
    }
    return assignment;
  }

  private route(
    board: BoardDefinition,
    route: ApplicationDraft["source"]["route"],
    positionName: string | null,
    labels: string[],
  ): Assignment {
    if (board.id === "mynavi-shinsotsu") {
      return {
        jobId: null,
        labels: [],
        reason:
          "マイナビ新卒の候補者は自動で求人に紐づきません。手動で求人に紐づけてください (MyNavi new-graduate candidates are assigned by hand; seed 001).",
      };
    }
    if (this.options.router === undefined)
      return {
        jobId: null,
        labels: [],
        reason: "No routing rules are configured; assign the application by hand",
      };
    const routed = this.options.router.route({
      provider: board.id,
      via: "robo-import",
      route,
      positionName,
      labels,
    });
    if (!routed.matched) return { jobId: null, labels: [], reason: routed.explanation };
    return {
      jobId: routed.jobId,
      stageId: routed.stageId,
      labels: routed.labels,
      reason: routed.explanation,
    };
  }
}

/** One account's run in progress. */
interface AccountRun {
  account: BoardAccount;
  window: FetchWindow;
  report: RunReport;
  outcome: AccountOutcome;
  /** Routing results of this run, by route and position (see `assign`). */
  assignments: Map<string, Assignment>;
}

/** Where an application goes, and why. Shared between applications: never modified. */
interface Assignment {
  jobId: string | null;
  stageId?: string;
  labels: readonly string[];
  reason: string;
}

function countsFor(report: RunReport, board: BoardId, route: string): RouteCounts {
  let counts = report.routes.find((entry) => entry.board === board && entry.route === route);
  if (counts === undefined) {
    counts = { route, board, new: 0, skipped: 0, possibleDuplicates: 0, unassigned: 0 };
    report.routes.push(counts);
  }
  return counts;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Errors of a report that concern `accountId`. */
export function errorsOf(report: RunReport, accountId: string): RunError[] {
  return report.errors.filter((error) => error.accountId === accountId);
}
