import path from "node:path";
import { compileRoutingRules, type Job } from "@org/ats-core";
import {
  type BoardAccount,
  BullMqImportScheduler,
  hasErrors,
  ImportPipeline,
  type ImportSchedule,
  InProcessImportScheduler,
  parseImportSchedule,
  ReportNotifier,
  type RunReport,
  rememberImportedCandidates,
  YoutrustPushReceiver,
} from "@org/robo-import";
import express, { Router } from "express";
import type { Database } from "./db/database";
import { createSqlImportStores, SqlSlotLedger } from "./db/sql-import-stores";
import { DropFolderSource } from "./drop-folder-source";
import type { Logger } from "./logger";
import type { OutboxMailer } from "./outbox-mailer";
import type { TenantRegistry, TenantServices } from "./tenant-registry";

/** The scheduler in use: in-process for one instance, BullMQ on Redis for several. */
type Scheduler = InProcessImportScheduler | BullMqImportScheduler;

/**
 * Applicant imports for every tenant: a run over the company's enabled board accounts (exports
 * read from their drop folders) into its stores, routed by its rules; reports kept in
 * `import_runs` and e-mailed to its recipients; runs scheduled at its slots; YOUTRUST pushes.
 */
export class ImportIntegration {
  readonly router: Router;
  private scheduler: Scheduler | undefined;

  constructor(
    private readonly deps: {
      db: Database;
      registry: TenantRegistry;
      logger: Logger;
      mailer: OutboxMailer;
      importsDir: string;
      redisUrl?: string | undefined;
    },
  ) {
    this.router = Router();
    this.router.post(
      "/t/:tenant/youtrust/push",
      express.text({ type: "*/*", limit: "1mb" }),
      async (req, res, next) => {
        try {
          const tenant = await deps.registry.find(req.params.tenant);
          const receiver = tenant && (await this.youtrust(tenant));
          if (receiver === undefined) {
            res.status(404).json({ ok: false, message: "YOUTRUST is not configured for this company" });
            return;
          }
          const response = await receiver.handle({
            headers: req.headers,
            body: typeof req.body === "string" ? req.body : "",
          });
          res.status(response.status).json(response.body);
        } catch (error) {
          next(error);
        }
      },
    );
  }

  /** Runs one import of every enabled account of `tenantId`, keeps and sends its report. */
  async run(tenantId: string, trigger: string): Promise<RunReport | undefined> {
    const tenant = await this.deps.registry.get(tenantId);
    const imports = tenant.settings.imports;
    if (imports === undefined) return undefined;
    const pipeline = await this.pipeline(tenant);
    const accounts = imports.accounts.filter((account) => account.board !== "youtrust");
    const report = await pipeline.run(accounts as BoardAccount[], { trigger });
    await this.deps.db.query(
      "INSERT INTO import_runs (tenant_id, id, trigger, started_at, finished_at, failed, report) VALUES ($1, $2, $3, $4, $5, $6, $7)",
      [
        tenantId,
        crypto.randomUUID(),
        trigger,
        report.startedAt,
        report.finishedAt,
        hasErrors(report),
        JSON.stringify(report),
      ],
    );
    this.deps.logger.info("import run finished", {
      tenant: tenantId,
      trigger,
      failed: hasErrors(report),
      errors: report.errors.length,
    });
    return report;
  }

  /** Arms the schedules of every tenant that has one (BullMQ when REDIS_URL is set). */
  async startScheduler(): Promise<void> {
    const runSlot = async (run: { tenantId: string; occurrence: { time: string }; catchUp: boolean }) => {
      await this.run(run.tenantId, `${run.catchUp ? "catch-up of " : ""}slot ${run.occurrence.time}`);
    };
    const onError = (error: unknown, run: { tenantId: string; key: string }) =>
      this.deps.logger.error("scheduled import failed", { tenant: run.tenantId, slot: run.key, error });
    const redis = this.deps.redisUrl === undefined ? undefined : new URL(this.deps.redisUrl);
    this.scheduler = redis
      ? new BullMqImportScheduler({
          connection: { host: redis.hostname, port: Number(redis.port || 6379) },
          runSlot,
          onError,
        })
      : new InProcessImportScheduler({
          // One ledger for the process: slot keys already name the tenant (`<tenant>.<date>.<HHMM>`).
          ledger: new SqlSlotLedger(this.deps.db, "all-tenants"),
          runSlot,
          onError,
        });
    for (const tenantId of await this.deps.registry.tenantIds()) {
      const tenant = await this.deps.registry.find(tenantId).catch(() => undefined);
      const schedule = tenant?.settings.imports?.schedule;
      if (schedule !== undefined) this.scheduler.setSchedule(tenantId, parseImportSchedule(schedule));
    }
    await this.scheduler.start();
    this.deps.logger.info("import scheduler started", { backend: redis ? "bullmq" : "in-process" });
  }

  /** Applies a company's changed schedule at once (no restart): its timers are armed again. */
  reschedule(tenantId: string, schedule: ImportSchedule): void {
    this.scheduler?.setSchedule(tenantId, schedule);
  }

  /** When a company's next scheduled import starts (in-process scheduler; `undefined` on BullMQ or without a schedule). */
  nextRun(tenantId: string): Date | undefined {
    if (!(this.scheduler instanceof InProcessImportScheduler)) return undefined;
    return this.scheduler.nextRuns().get(tenantId) ?? undefined;
  }

  /** Stops the scheduler, letting a run in progress finish. */
  async stop(): Promise<void> {
    await this.scheduler?.stop();
  }

  private async pipeline(tenant: TenantServices): Promise<ImportPipeline> {
    const imports = tenant.settings.imports!;
    const stores = createSqlImportStores(this.deps.db, tenant.id);
    const jobs: Job[] = [];
    for await (const job of tenant.stores.jobs.list()) jobs.push(job);
    const rules = await tenant.stores.routingRules.get();
    return new ImportPipeline({
      tenantId: tenant.id,
      sourceFor: (account) => new DropFolderSource(path.join(this.deps.importsDir, tenant.id, account.id)),
      sink: tenant.importRecorder,
      checkpoints: stores.checkpoints,
      startDate: imports.schedule.startDate,
      ...(rules !== undefined && { router: compileRoutingRules(rules, jobs) }),
      onImported: rememberImportedCandidates(stores.candidates),
      notifier: new ReportNotifier(this.deps.mailer, {
        to: imports.recipients.to,
        cc: imports.recipients.cc,
      }),
    });
  }

  private async youtrust(tenant: TenantServices): Promise<YoutrustPushReceiver | undefined> {
    const imports = tenant.settings.imports;
    const account = imports?.accounts.find((entry) => entry.board === "youtrust");
    if (imports?.youtrustToken === undefined || account === undefined) return undefined;
    return new YoutrustPushReceiver({
      token: imports.youtrustToken,
      account: account as BoardAccount,
      pipeline: await this.pipeline(tenant),
    });
  }
}
