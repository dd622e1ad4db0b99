import { randomUUID } from "node:crypto";
import { lineRouter } from "@org/line-link/express";
import express, { type ErrorRequestHandler, type Express, type RequestHandler } from "express";
import type { Database } from "./db/database";
import { MIGRATIONS } from "./db/migrations";
import type { Logger } from "./logger";
import type { TenantRegistry } from "./tenant-registry";

/** What the app is built from. */
export interface AppDeps {
  db: Database;
  registry: TenantRegistry;
  logger: Logger;
  /** Tracks work running after a response (processing webhooks), so shutdown can wait for it. */
  track<T>(work: Promise<T>): Promise<T>;
  /** Routes added by the caller (per-integration routers), mounted before the fallbacks. */
  routers?: express.Router[];
}

/**
 * The reference ATS as an Express 5 app. Webhook routes read their raw bodies themselves (the
 * signatures cover the exact bytes), so no global body parser is installed before them.
 */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable("x-powered-by");
  app.use(requestLog(deps.logger));

  app.get("/health", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.get("/ready", async (_req, res) => {
    try {
      const { rows } = await deps.db.query<{ id: number }>("SELECT max(id) AS id FROM schema_migrations");
      const expected = MIGRATIONS[MIGRATIONS.length - 1]!.id;
      const current = Number(rows[0]?.id ?? 0);
      if (current < expected) {
        res.status(503).json({ status: "migrating", schema: current, expected });
        return;
      }
      res.json({ status: "ready", database: deps.db.kind, schema: current });
    } catch (error) {
      deps.logger.error("readiness check failed", { error });
      res.status(503).json({ status: "unavailable", message: "The database does not answer" });
    }
  });

  app.use(
    lineRouter(async (tenantId) => (await deps.registry.find(tenantId))?.line, {
      onError: (tenant, error) => deps.logger.error("LINE processing failed", { tenant, error }),
    }),
  );
  for (const router of deps.routers ?? []) app.use(router);

  app.use((req, res) => {
    res.status(404).json({ ok: false, message: `No route for ${req.method} ${req.path}` });
  });
  app.use(errorHandler(deps.logger));
  return app;
}

function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    const requestId = randomUUID();
    res.setHeader("x-request-id", requestId);
    res.on("finish", () => {
      // The path only: query strings may carry codes and states.
      logger.info("request", {
        requestId,
        method: req.method,
        path: req.path,
        status: res.statusCode,
        ms: Math.round(performance.now() - started),
      });
    });
    next();
  };
}

function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    logger.error("request failed", { method: req.method, path: req.path, error });
    if (res.headersSent) return;
    // 5xx on unexpected failures: the providers (Indeed, LINE, TopCV) retry, so nothing is lost.
    res.status(500).json({ ok: false, message: "Internal error; the request can be retried" });
  };
}
