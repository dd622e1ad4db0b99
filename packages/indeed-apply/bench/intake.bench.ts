/**
 * Verify + parse + map of one Indeed Apply post, beside the bare limit (HMAC-SHA1 of the same bytes
 * with the same Web Crypto key, then TextDecoder + JSON.parse) in the same run. Issue 4's goal:
 * within 1.5× of the limit at 5 MB, within 3× at 10 KB.
 *
 * Run from the root: npx vitest bench --run --project indeed-apply
 */
import { createHmac } from "node:crypto";
import { bench, describe } from "vitest";
import { createIndeedSignatureVerifier, mapIndeedApplication, parseJsonTolerantly } from "../src/index";
import { syntheticApplication } from "./synthetic-application";

const SECRET = "bench api secret";
const verifier = await createIndeedSignatureVerifier(SECRET);
const mapping = { account: "bench", clock: () => new Date("2026-11-21T00:00:00Z") };

for (const [label, size] of [
  ["10 KB", 10 * 1024],
  ["5 MB", 5 * 1024 * 1024],
] as const) {
  const body = new TextEncoder().encode(syntheticApplication(size));
  const signature = createHmac("sha1", SECRET).update(body).digest("base64");

  describe(`Indeed application ${label} (${body.length} bytes)`, () => {
    bench("limit: HMAC-SHA1 + JSON.parse", async () => {
      if (!(await verifier.verify(body, signature))) throw new Error("signature");
      JSON.parse(new TextDecoder().decode(body));
    });

    bench("verify + parse + map (indeed-apply)", async () => {
      await verifier.assertValid(body, signature);
      const parsed = parseJsonTolerantly(new TextDecoder().decode(body));
      if (!parsed.ok) throw new Error(parsed.message);
      const { draft } = await mapIndeedApplication(parsed.value, mapping);
      if (draft.files?.length !== 1) throw new Error("resume not decoded");
    });
  });
}
