import { createHmac } from "node:crypto";
import { ConfigurationError, WebhookVerificationError } from "@org/ats-core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createIndeedSignatureVerifier } from "./index";

// The seed's own vector (004_7a98198eda9710f9.txt, "POSTの信頼性", C#/Java samples).
const SEED_SECRET = "Y0ur api secret key not shared &$%@";
const SEED_MESSAGE = "{'locale':'en_US','applicant':{'fullName':'John Doe','email':'john.doe@example.com'}}";
const SEED_SIGNATURE = "SGadPKocf3HD1LYXm3xGObB6hzk=";

async function reasonOf(promise: Promise<unknown>): Promise<string | undefined> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  return WebhookVerificationError.is(error) ? error.reason : undefined;
}

describe("X-Indeed-Signature", () => {
  it("reproduces the seed's test vector", async () => {
    const verifier = await createIndeedSignatureVerifier(SEED_SECRET);
    await expect(verifier.sign(SEED_MESSAGE)).resolves.toBe(SEED_SIGNATURE);
    await expect(verifier.verify(new TextEncoder().encode(SEED_MESSAGE), SEED_SIGNATURE)).resolves.toBe(true);
    await expect(verifier.assertValid(SEED_MESSAGE, SEED_SIGNATURE)).resolves.toBeUndefined();
  });

  it("agrees with node:crypto HMAC-SHA1 over arbitrary bytes", async () => {
    const verifier = await createIndeedSignatureVerifier("tenant secret ✓");
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 512 }), async (body) => {
        const expected = createHmac("sha1", "tenant secret ✓").update(body).digest("base64");
        expect(await verifier.sign(body)).toBe(expected);
        expect(await verifier.verify(body, expected)).toBe(true);
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it("rejects a signature computed over re-serialised JSON", async () => {
    const verifier = await createIndeedSignatureVerifier(SEED_SECRET);
    const raw = '{ "applicant": { "fullName": "John Doe" },\n  "locale": "en_US" }';
    const signature = await verifier.sign(raw);
    const reserialised = JSON.stringify(JSON.parse(raw));
    await expect(verifier.verify(reserialised, signature)).resolves.toBe(false);
    expect(await reasonOf(verifier.assertValid(reserialised, signature))).toBe("signature_mismatch");
    expect(await reasonOf(verifier.assertValid(JSON.parse(raw), signature))).toBe("parsed_body");
  });

  it("says why a header is refused", async () => {
    const verifier = await createIndeedSignatureVerifier(SEED_SECRET);
    expect(await reasonOf(verifier.assertValid(SEED_MESSAGE, undefined))).toBe("missing_signature");
    expect(await reasonOf(verifier.assertValid(SEED_MESSAGE, "  "))).toBe("missing_signature");
    expect(await reasonOf(verifier.assertValid(SEED_MESSAGE, "not base64!"))).toBe("malformed_signature");
    expect(await reasonOf(verifier.assertValid(SEED_MESSAGE, "AAAA"))).toBe("malformed_signature");
    expect(await reasonOf(verifier.assertValid(`${SEED_MESSAGE} `, SEED_SIGNATURE))).toBe(
      "signature_mismatch",
    );
    await expect(verifier.verify(SEED_MESSAGE, null)).resolves.toBe(false);
  });

  it("never flips on a one-bit change of body or signature", async () => {
    const verifier = await createIndeedSignatureVerifier(SEED_SECRET);
    const body = new TextEncoder().encode(SEED_MESSAGE);
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: body.length * 8 - 1 }), async (bit) => {
        const flipped = body.slice();
        flipped[bit >> 3] = (flipped[bit >> 3] ?? 0) ^ (1 << (bit & 7));
        expect(await verifier.verify(flipped, SEED_SIGNATURE)).toBe(false);
      }),
      { seed: 42, numRuns: 100 },
    );
  });

  it("treats an empty secret as a configuration error, never as 'skip verification'", async () => {
    const error = await createIndeedSignatureVerifier("").catch((e: unknown) => e);
    expect(ConfigurationError.is(error)).toBe(true);
    expect((error as ConfigurationError).setting).toBe("apiSecret");
  });
});
