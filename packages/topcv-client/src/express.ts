/**
 * `@org/topcv-client/express`: the TopCV webhook endpoint as Express middleware.
 *
 * @packageDocumentation
 */

import { PayloadTooLargeError, readBodyWithLimit } from "@org/ats-core";
import type { NextFunction, Request, RequestHandler, Response } from "express";
import { handleTopCvWebhook, type ReceiverResolver } from "./webhook-endpoints";
import { DEFAULT_MAX_WEBHOOK_BYTES } from "./webhook-receiver";

type RequestWithRawBody = Request & { rawBody?: unknown; _body?: boolean };

/** Options of {@link topcvWebhookMiddleware}. */
export interface TopCvWebhookMiddlewareOptions {
  /** Route parameter holding the endpoint token. Default `token` (mount at `/…/:token`). */
  tokenParam?: string;
  /** Largest body read, in bytes. Default {@link DEFAULT_MAX_WEBHOOK_BYTES}. */
  maxBodyBytes?: number;
}

/**
 * Express middleware for TopCV webhooks, mounted at the route whose last segment is the tenant's
 * endpoint token. It reads the raw body itself (signatures are checked over the exact bytes), so
 * mount it before `express.json()`, or keep the bytes with
 * `express.json({ verify: (req, _res, buf) => { req.rawBody = buf } })`. It answers as soon as the
 * delivery is stored, then processes it.
 *
 * @example
 * app.post("/topcv/webhooks/:token", topcvWebhookMiddleware(connectionReceiverResolver(connections, receiverFor)));
 */
export function topcvWebhookMiddleware(
  resolve: ReceiverResolver,
  options: TopCvWebhookMiddlewareOptions = {},
): RequestHandler {
  const tokenParam = options.tokenParam ?? "token";
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_WEBHOOK_BYTES;
  return (req: Request, res: Response, next: NextFunction) => {
    const request = req as RequestWithRawBody;
    const run = async () => {
      const token = (request.params as Record<string, string | undefined>)[tokenParam] ?? "";
      let rawBody: Uint8Array | undefined;
      if (request.rawBody instanceof Uint8Array) rawBody = request.rawBody;
      else if (request.body instanceof Uint8Array) rawBody = request.body;
      else if (request._body === true || request.readableEnded) {
        res.status(500).json({
          ok: false,
          code: "parsed_body",
          message:
            "A body parser consumed the TopCV webhook body before its signature could be checked. Mount topcvWebhookMiddleware before express.json(), or keep the raw bytes with express.json({ verify: (req, _res, buf) => { req.rawBody = buf } }).",
        });
        return;
      } else {
        rawBody = await readBodyWithLimit(request, maxBodyBytes).catch((error: unknown) => {
          if (PayloadTooLargeError.is(error)) return undefined;
          throw error;
        });
        if (rawBody === undefined) {
          res.set("connection", "close");
          res.on("finish", () => request.destroy());
          res.status(413).json({
            ok: false,
            code: "payload_too_large",
            message: `The body is over the ${maxBodyBytes}-byte limit`,
          });
          return;
        }
      }
      const result = await handleTopCvWebhook(
        { endpointToken: token, rawBody, headers: request.headers },
        resolve,
      );
      res.status(result.status).json(result.body);
      // Processed after the answer; process() records its own failures and never rejects.
      if (result.process) await result.process();
    };
    run().catch(next);
  };
}
