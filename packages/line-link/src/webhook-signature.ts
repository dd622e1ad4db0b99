import { base64ToBytes, createHmacKey, type HmacKey, WebhookVerificationError } from "@org/ats-core";

/**
 * `x-line-signature` = base64(HMAC-SHA256(key = Messaging API channel secret, message = the raw
 * request body)). The MAC covers the exact bytes LINE sent: a body parsed and serialised again
 * (key order, `\u` escapes, emoji written as surrogate escapes, spacing) no longer matches.
 */
export interface LineSignatureVerifier {
  /** Signs a body as LINE would (for tests and for the self-test). */
  sign(rawBody: string | Uint8Array): Promise<string>;
  /**
   * Resolves when the signature matches the raw body; throws a `WebhookVerificationError`
   * (reason `missing_signature`, `malformed_signature`, `signature_mismatch` or `parsed_body`) otherwise.
   */
  verify(rawBody: unknown, signature: string | null | undefined): Promise<void>;
}

/** Builds the verifier of one Messaging API channel (the key is imported once). */
export async function createLineSignatureVerifier(channelSecret: string): Promise<LineSignatureVerifier> {
  const key: HmacKey = await createHmacKey("SHA-256", channelSecret, "messaging.channelSecret");
  return {
    sign: (rawBody) => key.signBase64(rawBody),
    async verify(rawBody, signature) {
      if (typeof rawBody !== "string" && !(rawBody instanceof Uint8Array)) {
        throw new WebhookVerificationError(
          "parsed_body",
          "The LINE webhook body was given as a parsed object. Pass the raw body (the exact bytes received, as Uint8Array or string): a re-serialised body never matches x-line-signature.",
        );
      }
      if (signature === undefined || signature === null || signature === "") {
        throw new WebhookVerificationError(
          "missing_signature",
          "The request has no x-line-signature header. LINE signs every webhook; answer 401 to anything else.",
        );
      }
      const mac = base64ToBytes(signature.trim());
      if (mac === undefined || mac.length !== 32) {
        throw new WebhookVerificationError(
          "malformed_signature",
          "x-line-signature is not the base64 of a 32-byte HMAC-SHA256.",
        );
      }
      if (!(await key.verify(rawBody, mac))) {
        throw new WebhookVerificationError(
          "signature_mismatch",
          "x-line-signature does not match the body. Check that messaging.channelSecret is the Messaging API channel's secret (not the LINE Login channel's) and that the raw body reaches the verifier unchanged (no JSON body parser before it).",
        );
      }
    },
  };
}
