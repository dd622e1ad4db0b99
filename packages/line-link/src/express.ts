/**
 * `@org/line-link/express`: the LINE routes as an Express router — the webhook (reading the raw
 * body itself), the linking-URL start and the LINE Login callback — for every tenant, at the
 * paths `lineUrls()` shows recruiters.
 *
 * @packageDocumentation
 */
import { PayloadTooLargeError, readBodyWithLimit } from "@org/ats-core";
import { type Request, type Response, Router } from "express";
import { renderCandidatePage } from "./candidate-page";
import type { ProcessedEvent } from "./event-processor";
import type { LineLink } from "./line-link";
import { LINE_PATHS } from "./urls";

/** Options of {@link lineRouter}. */
export interface LineRouterOptions {
  /** Largest webhook body accepted, in bytes (default 1 MiB); larger gets 413 before buffering further. */
  maxBodyBytes?: number;
  /** Called with what processing after the answer did (for logs and tests). */
  onProcessed?: (tenantId: string, results: ProcessedEvent[]) => void;
  /** Called when processing after the answer throws (the deliveries stay pending). */
  onError?: (tenantId: string, error: unknown) => void;
}

/** Finds a tenant's integration by the tenant id in the path; `undefined` answers 404. */
export type LineTenantResolver = (tenantId: string) => LineLink | undefined | Promise<LineLink | undefined>;

type RequestWithRawBody = Request & { rawBody?: unknown; _body?: boolean };

/**
 * The router: `POST /line/:tenantId/webhook`, `GET /line/:tenantId/link/:token` and
 * `GET /line/:tenantId/login/callback`. Mount it before `express.json()`, or keep the raw body
 * with `express.json({ verify: (req, _res, buf) => { req.rawBody = buf } })`: a parsed body
 * cannot be verified.
 *
 * @example
 * app.use(lineRouter((tenantId) => tenants.get(tenantId)));
 */
export function lineRouter(resolve: LineTenantResolver, options: LineRouterOptions = {}): Router {
  const router = Router();
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;

  router.post(LINE_PATHS.webhook(":tenantId"), async (req: Request, res: Response, next) => {
    try {
      const tenantId = String(req.params["tenantId"]);
      const link = await resolve(tenantId);
      if (link === undefined) {
        res.status(404).json({ ok: false, message: "Unknown tenant." });
        return;
      }
      const raw = await rawBodyOf(req as RequestWithRawBody, maxBodyBytes);
      if (raw === "too_large") {
        res.set("Connection", "close").status(413).json({ ok: false, message: "Body too large." });
        return;
      }
      if (raw === "consumed") {
        res.status(500).json({
          ok: false,
          message:
            "A body parser consumed the LINE webhook body before it could be verified. Mount lineRouter before express.json(), or keep the raw bytes with express.json({ verify: (req, _res, buf) => { req.rawBody = buf } }).",
        });
        return;
      }
      const receipt = await link.webhook.receive(raw, req.get("x-line-signature"));
      // Process after answering: LINE wants a fast 200, and everything acknowledged is stored.
      if (receipt.stored.length > 0) {
        res.once("finish", () => {
          link.events.processPending().then(
            (results) => options.onProcessed?.(tenantId, results),
            (error: unknown) => options.onError?.(tenantId, error),
          );
        });
      }
      res.status(receipt.status).json(receipt.body);
    } catch (error) {
      next(error);
    }
  });

  router.get(`${LINE_PATHS.linkStart(":tenantId")}:token`, async (req: Request, res: Response, next) => {
    try {
      const link = await resolve(String(req.params["tenantId"]));
      if (link === undefined) {
        res.status(404).send("Not found");
        return;
      }
      noStore(res);
      const result = await link.linking.start(String(req.params["token"]), {
        retry: req.query["retry"] === "1",
      });
      if (result.type === "redirect") res.redirect(302, result.location);
      else res.status(result.page.status).type("html").send(renderCandidatePage(result.page));
    } catch (error) {
      next(error);
    }
  });

  router.get(LINE_PATHS.loginCallback(":tenantId"), async (req: Request, res: Response, next) => {
    try {
      const link = await resolve(String(req.params["tenantId"]));
      if (link === undefined) {
        res.status(404).send("Not found");
        return;
      }
      noStore(res);
      const query: Record<string, string> = {};
      for (const [key, value] of Object.entries(req.query)) if (typeof value === "string") query[key] = value;
      const result = await link.linking.callback(query);
      res.status(result.page.status).type("html").send(renderCandidatePage(result.page));
    } catch (error) {
      next(error);
    }
  });

  return router;
}

/** The linking token and the code travel in URLs: keep them out of caches and referrers. */
function noStore(res: Response) {
  res.set("Cache-Control", "no-store").set("Referrer-Policy", "no-referrer");
}

async function rawBodyOf(
  req: RequestWithRawBody,
  limit: number,
): Promise<Uint8Array | "too_large" | "consumed"> {
  if (req.rawBody instanceof Uint8Array) return req.rawBody;
  if (req.body instanceof Uint8Array) return req.body;
  if (req._body === true || req.readableEnded) return "consumed";
  const declared = Number(req.headers["content-length"] ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limit) return "too_large";
  try {
    return await readBodyWithLimit(req, limit);
  } catch (error) {
    if (PayloadTooLargeError.is(error)) return "too_large";
    throw error;
  }
}
