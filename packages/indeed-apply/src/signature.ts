import { base64ToBytes, createHmacKey, type HmacKey, toBytes, WebhookVerificationError } from "@org/ats-core";

/*
 * X-Indeed-Signature (SPEC §2; seed 004_7a98198eda9710f9.txt, "POSTの信頼性"): base64 of
 * HMAC-SHA1 keyed with the API secret's UTF-8 bytes over the raw request body. Verification runs on
 * the exact bytes received: JSON re-serialised by a framework has other bytes and never verifies.
 */

/** The header Indeed signs applications in. */
export const INDEED_SIGNATURE_HEADER = "X-Indeed-Signature";

/**
 * Signs and verifies Indeed Apply posts for one API secret. Build it once per tenant with
 * {@link createIndeedSignatureVerifier}: the key is imported into Web Crypto once.
 */
export interface IndeedSignatureVerifier {
  /** The base64 signature Indeed would send for `rawBody` (a string is taken as UTF-8). */
  sign(rawBody: Uint8Array | string): Promise<string>;
  /**
   * True when `signature` (the header value) is the signature of `rawBody`. Compared in constant time;
   * a missing or malformed header is simply `false`.
   */
  verify(rawBody: Uint8Array | string, signature: string | null | undefined): Promise<boolean>;
  /**
   * Like {@link IndeedSignatureVerifier.verify} but throws a `WebhookVerificationError` whose `reason`
   * says what was wrong (`missing_signature`, `malformed_signature`, `signature_mismatch`, `parsed_body`).
   */
  assertValid(rawBody: unknown, signature: string | null | undefined): Promise<void>;
}

/**
 * Imports the API secret for signing and verifying `X-Indeed-Signature`. Runs on Node, Deno, Bun and
 * edge runtimes (Web Crypto).
 *
 * @param apiSecret the "client secret" of the Indeed Apply credential.
 * @throws ConfigurationError (setting `apiSecret`) when the secret is empty: verification is never skipped.
 */
export async function createIndeedSignatureVerifier(apiSecret: string): Promise<IndeedSignatureVerifier> {
  const key: HmacKey = await createHmacKey(
    "SHA-1",
    typeof apiSecret === "string" ? apiSecret : "",
    "apiSecret",
  );

  const decodeSignature = (signature: string | null | undefined): Uint8Array | "missing" | "malformed" => {
    if (signature === undefined || signature === null || signature.trim() === "") return "missing";
    const mac = base64ToBytes(signature.trim());
    // HMAC-SHA1 is 20 bytes; anything else cannot match and is reported as malformed.
    return mac === undefined || mac.length !== 20 ? "malformed" : mac;
  };

  return {
    sign: (rawBody) => key.signBase64(rawBody),
    async verify(rawBody, signature) {
      const mac = decodeSignature(signature);
      if (typeof mac === "string") return false;
      return key.verify(rawBody, mac);
    },
    async assertValid(rawBody, signature) {
      if (!(typeof rawBody === "string" || rawBody instanceof Uint8Array)) {
        throw new WebhookVerificationError(
          "parsed_body",
          "The request body was given as a parsed object. Pass the raw body bytes exactly as received (e.g. mount the Indeed Apply middleware before express.json()): re-serialised JSON never matches the signature.",
        );
      }
      const mac = decodeSignature(signature);
      if (mac === "missing") {
        throw new WebhookVerificationError(
          "missing_signature",
          `The ${INDEED_SIGNATURE_HEADER} header is missing: the request did not come from Indeed Apply, or a proxy dropped the header.`,
        );
      }
      if (mac === "malformed") {
        throw new WebhookVerificationError(
          "malformed_signature",
          `The ${INDEED_SIGNATURE_HEADER} header is not the base64 of a 20-byte HMAC-SHA1.`,
        );
      }
      if (!(await key.verify(toBytes(rawBody), mac))) {
        throw new WebhookVerificationError(
          "signature_mismatch",
          `The ${INDEED_SIGNATURE_HEADER} header does not match the body: check the API secret, and verify the raw body bytes, not re-serialised JSON.`,
        );
      }
    },
  };
}
