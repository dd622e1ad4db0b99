import { handleTopCvWebhook, type ReceiverResolver } from "./webhook-endpoints";
import { DEFAULT_MAX_WEBHOOK_BYTES } from "./webhook-receiver";

/** Options of {@link createTopCvFetchHandler}. */
export interface TopCvFetchHandlerOptions {
  /** Largest body read, in bytes. Default {@link DEFAULT_MAX_WEBHOOK_BYTES}. */
  maxBodyBytes?: number;
  /**
   * Keeps processing alive after the answer (e.g. Cloudflare's `ctx.waitUntil`, Vercel's
   * `waitUntil`). Default: processing runs unawaited, which a long-running server allows.
   */
  waitUntil?: (work: Promise<unknown>) => void;
}

/**
 * The TopCV webhook endpoint as a fetch-style handler (`Request → Response`) for Hono, Next.js
 * route handlers, Deno, Bun and Workers. The endpoint token is the last segment of the URL path.
 *
 * @example
 * const handle = createTopCvFetchHandler(resolve);
 * export const POST = (request: Request) => handle(request);
 */
export function createTopCvFetchHandler(
  resolve: ReceiverResolver,
  options: TopCvFetchHandlerOptions = {},
): (request: Request) => Promise<Response> {
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_WEBHOOK_BYTES;
  return async (request) => {
    if (request.method !== "POST")
      return Response.json(
        { ok: false, code: "method_not_allowed", message: "TopCV webhooks are POSTed" },
        { status: 405, headers: { allow: "POST" } },
      );
    if (request.bodyUsed)
      return Response.json(
        {
          ok: false,
          code: "parsed_body",
          message:
            "The request body was already read; pass the untouched Request so its raw bytes can be verified",
        },
        { status: 500 },
      );
    const declared = Number(request.headers.get("content-length"));
    if (Number.isFinite(declared) && declared > maxBodyBytes)
      return Response.json(
        { ok: false, code: "payload_too_large", message: `The body is over the ${maxBodyBytes}-byte limit` },
        { status: 413 },
      );
    const rawBody = new Uint8Array(await request.arrayBuffer());
    if (rawBody.length > maxBodyBytes)
      return Response.json(
        { ok: false, code: "payload_too_large", message: `The body is over the ${maxBodyBytes}-byte limit` },
        { status: 413 },
      );
    const endpointToken = new URL(request.url).pathname.split("/").filter(Boolean).pop() ?? "";
    const result = await handleTopCvWebhook({ endpointToken, rawBody, headers: request.headers }, resolve);
    if (result.process) {
      const processing = result.process();
      options.waitUntil?.(processing);
    }
    return Response.json(result.body, { status: result.status });
  };
}
