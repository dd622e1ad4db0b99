/**
 * `@org/indeed-apply/express`: the Indeed Apply endpoint as Express middleware.
 *
 * @packageDocumentation
 */
import type { NextFunction, Request, RequestHandler, Response } from "express";
import { handleIndeedApplication, type IndeedApplyIntake } from "./intake";

type RequestWithRawBody = Request & { rawBody?: unknown; _body?: boolean };

/**
 * Express middleware receiving Indeed Apply posts. It reads the raw body itself (with the size
 * limit, answering 413 before buffering an oversized body), so it works beside `express.json()`
 * used for other routes. If a body parser already consumed this route's body, it uses
 * `req.rawBody` (set it with `express.json({ verify: (req, _res, buf) => { req.rawBody = buf } })`)
 * or a `Buffer` body from `express.raw()`; otherwise it answers 500 with the fix, since a parsed
 * object cannot be verified.
 *
 * @example
 * const intake = await createIndeedApplyIntake({ apiSecret: process.env.INDEED_API_SECRET!, stores, account: "acme" });
 * app.post("/indeed/applications", indeedApplyMiddleware(intake));
 * app.use(express.json()); // other routes
 */
export function indeedApplyMiddleware(intake: IndeedApplyIntake): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const request = req as RequestWithRawBody;
    let rawBody: Uint8Array | undefined;
    if (request.rawBody instanceof Uint8Array) rawBody = request.rawBody;
    else if (request.body instanceof Uint8Array) rawBody = request.body;
    const consumed = request._body === true || request.readableEnded;
    if (rawBody === undefined && consumed) {
      res.status(500).json({
        ok: false,
        code: "internal_error",
        message:
          "A body parser (e.g. express.json()) consumed the Indeed Apply body before it could be verified. Mount indeedApplyMiddleware before express.json(), or keep the raw bytes with express.json({ verify: (req, _res, buf) => { req.rawBody = buf } }).",
      });
      return;
    }
    const input =
      rawBody === undefined
        ? { body: request, headers: request.headers }
        : { rawBody, headers: request.headers };
    handleIndeedApplication(input, intake).then((result) => {
      if (result.closeConnection) {
        res.set("Connection", "close");
        // The rest of an unread body is dropped with the connection, once the answer is out.
        res.on("finish", () => request.destroy());
      }
      res.status(result.status).json(result.body);
    }, next);
  };
}
