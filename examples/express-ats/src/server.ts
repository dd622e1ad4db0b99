import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createApp } from "./app";
import type { AppConfig } from "./config";
import { type Database, openDatabase } from "./db/database";
import { migrate } from "./db/migrations";
import { ImportIntegration } from "./import-integration";
import { indeedRouter } from "./indeed-routes";
import { createLogger, type Logger } from "./logger";
import { OutboxMailer } from "./outbox-mailer";
import { TenantRegistry } from "./tenant-registry";
import { TopCvIntegration } from "./topcv-integration";
import { recruiterPages } from "./web/recruiter-pages";

/** A running reference app. */
export interface RunningServer {
  url: string;
  db: Database;
  registry: TenantRegistry;
  mailer: OutboxMailer;
  logger: Logger;
  topcv: TopCvIntegration;
  imports: ImportIntegration;
  /** Graceful stop: no new requests, in-flight work finished, database closed. */
  stop(): Promise<void>;
}

/** Options beyond the configuration, for the demo and tests. */
export interface ServerOptions {
  logger?: Logger;
  /** An already open database (tests); otherwise opened from the configuration. */
  db?: Database;
  lineApiBaseUrl?: string;
  lineFetch?: typeof fetch;
  /** Where TopCV's API is (the demo's mock). */
  topcvBaseUrl?: string;
  /** Arm the import schedules. Default true. */
  schedule?: boolean;
}

/** Opens the database, applies migrations, starts the app, and processes what a crash left pending. */
export async function startServer(config: AppConfig, options: ServerOptions = {}): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(config.LOG_LEVEL, { app: "express-ats" });
  const db = options.db ?? (await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR }));
  const applied = await migrate(db);
  if (applied.length > 0) logger.info("migrations applied", { applied });
  const mailer = new OutboxMailer(config.OUTBOX_DIR);
  const registry = new TenantRegistry({
    db,
    config,
    logger,
    mailer,
    lineApiBaseUrl: options.lineApiBaseUrl,
    lineFetch: options.lineFetch,
  });

  const inFlight = new Set<Promise<unknown>>();
  const track = <T>(work: Promise<T>): Promise<T> => {
    inFlight.add(work);
    work.finally(() => inFlight.delete(work)).catch(() => undefined);
    return work;
  };
  const topcv = new TopCvIntegration({
    db,
    registry,
    logger,
    mailer,
    publicBaseUrl: config.PUBLIC_BASE_URL,
    endpoints: { baseUrl: options.topcvBaseUrl },
  });
  const imports = new ImportIntegration({
    db,
    registry,
    logger,
    mailer,
    importsDir: config.IMPORTS_DIR,
    redisUrl: config.REDIS_URL,
  });
  const app = createApp({
    db,
    registry,
    logger,
    track,
    routers: [
      indeedRouter(registry, config.PUBLIC_BASE_URL, logger),
      topcv.router,
      imports.router,
      // Last: the pages parse form bodies, and only under /app.
      recruiterPages({ db, registry, topcv, imports, logger, publicBaseUrl: config.PUBLIC_BASE_URL }),
    ],
  });
  let server: Server;
  try {
    server = await new Promise((resolve, reject) => {
      const listening = app.listen(config.PORT, config.HOST, () => resolve(listening));
      listening.once("error", reject);
    });
  } catch (error) {
    // Nothing listens: release what was opened, and say why.
    if (options.db === undefined) await db.close();
    throw error;
  }
  const address = server.address() as AddressInfo;
  const url = `http://${config.HOST}:${address.port}`;
  logger.info("listening", { url, database: db.kind });

  // Deliveries stored before a crash but not processed: process them now.
  for (const tenantId of await registry.tenantIds()) {
    const tenant = await registry.find(tenantId).catch((error: unknown) => {
      logger.error("tenant settings are invalid", { tenant: tenantId, error });
      return undefined;
    });
    if (tenant?.line)
      track(tenant.line.events.processPending()).catch((error: unknown) =>
        logger.error("LINE recovery failed", { tenant: tenantId, error }),
      );
    if (tenant)
      track(topcv.recover(tenantId)).catch((error: unknown) =>
        logger.error("TopCV recovery failed", { tenant: tenantId, error }),
      );
  }
  if (options.schedule !== false) await imports.startScheduler();

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      logger.info("shutting down");
      // The scheduler first: a run in progress finishes, and no new one starts.
      await imports.stop();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const deadline = new Promise<void>((resolve) =>
        setTimeout(resolve, config.SHUTDOWN_TIMEOUT_MS).unref(),
      );
      await Promise.race([Promise.all([closed, Promise.allSettled([...inFlight])]), deadline]);
      server.closeAllConnections();
      await db.close();
      logger.info("stopped");
    })();
    return stopping;
  };
  return { url, db, registry, mailer, logger, topcv, imports, stop };
}
