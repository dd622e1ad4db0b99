import { handleIndeedApplication, type IndeedApplyIntake } from "./intake";

/**
 * A fetch-style handler (`Request → Response`) for Deno, Bun, Cloudflare Workers, Hono, Next.js
 * route handlers and Node's undici: reads the raw body stream itself, with the size limit.
 *
 * @example
 * const intake = await createIndeedApplyIntake({ apiSecret, stores, account: "acme" });
 * export const POST = createIndeedApplyFetchHandler(intake);
 */
export function createIndeedApplyFetchHandler(
  intake: IndeedApplyIntake,
): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== "POST") {
      return Response.json(
        { ok: false, code: "method_not_allowed", message: "Indeed Apply posts applications with POST" },
        { status: 405, headers: { allow: "POST" } },
      );
    }
    if (request.bodyUsed) {
      return Response.json(
        {
          ok: false,
          code: "internal_error",
          message:
            "The request body was already read by another handler; pass the untouched Request so its raw bytes can be verified",
        },
        { status: 500 },
      );
    }
    const result = await handleIndeedApplication({ body: request.body, headers: request.headers }, intake);
    const headers: Record<string, string> = {};
    if (result.closeConnection) headers.connection = "close";
    return Response.json(result.body, { status: result.status, headers });
  };
}
