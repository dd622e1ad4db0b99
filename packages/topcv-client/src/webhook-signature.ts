import { createHmacKey, hexToBytes, WebhookVerificationError } from "@org/ats-core";
import { formatWebhookSignature, HEADERS, parseWebhookSignature } from "./contract";

/*
 * Webhook signatures are an ASSUMPTION (docs/topcv-api.md (repository root)): seed 002_5326164b08f43035.txt says
 * nothing about how TopCV authenticates its calls to the "Webhook URL". We assume HMAC-SHA256 over
 * the raw body bytes in `X-TopCV-Signature: sha256=<hex>`, checked only when a signing secret is
 * configured; without one, the unguessable endpoint URL is the only protection.
 */

/** Verifies and makes webhook signatures for one tenant's signing secret. */
export interface TopCvSignatureVerifier {
  /**
   * Checks the signature header against the raw body, in constant time.
   *
   * @throws WebhookVerificationError (`missing_signature`, `malformed_signature`, `signature_mismatch`).
   */
  verify(rawBody: Uint8Array, signatureHeader: string | undefined): Promise<void>;
  /** The header value for `rawBody` (for tests and for a mock TopCV). */
  sign(rawBody: Uint8Array | string): Promise<string>;
}

/**
 * Imports a signing secret once (Web Crypto, via ats-core `createHmacKey`).
 *
 * @throws ConfigurationError when the secret is empty: an empty secret never means "skip verification".
 */
export async function createTopCvSignatureVerifier(signingSecret: string): Promise<TopCvSignatureVerifier> {
  const key = await createHmacKey("SHA-256", signingSecret, "signingSecret");
  return {
    async verify(rawBody, signatureHeader) {
      if (signatureHeader === undefined || signatureHeader.trim() === "")
        throw new WebhookVerificationError(
          "missing_signature",
          `The webhook has no ${HEADERS.webhookSignature} header, but this endpoint requires signed webhooks`,
        );
      const hex = parseWebhookSignature(signatureHeader);
      const mac = hex === undefined ? undefined : hexToBytes(hex);
      if (mac === undefined)
        throw new WebhookVerificationError(
          "malformed_signature",
          `${HEADERS.webhookSignature} must be "sha256=" followed by 64 hex digits`,
        );
      if (!(await key.verify(rawBody, mac)))
        throw new WebhookVerificationError(
          "signature_mismatch",
          `${HEADERS.webhookSignature} does not match the body: check the signing secret, and that the raw body reaches the handler unparsed`,
        );
    },
    sign: async (rawBody) => formatWebhookSignature(await key.signHex(rawBody)),
  };
}
