import { createHmacKey } from "@org/ats-core";
import { base64UrlToBytes } from "./base64url";

/** The issuer of LINE Login ID tokens. */
export const LINE_ID_TOKEN_ISSUER = "https://access.line.me";

/** The claims we use from a verified LINE ID token. */
export interface LineIdTokenClaims {
  /** The LINE user id. */
  sub: string;
  iss: string;
  aud: string;
  exp: number;
  iat: number;
  nonce?: string;
  name?: string;
}

/** Why an ID token was refused. */
export type IdTokenFailure =
  | "malformed"
  | "unsupported_algorithm"
  | "bad_signature"
  | "wrong_issuer"
  | "wrong_audience"
  | "expired"
  | "nonce_mismatch";

/** The outcome of {@link verifyLineIdToken}. */
export type IdTokenResult = { ok: true; claims: LineIdTokenClaims } | { ok: false; failure: IdTokenFailure };

const decoder = new TextDecoder();

/**
 * Verifies a LINE Login ID token issued to a web login: HS256 signed with the Login channel
 * secret; `iss` = https://access.line.me, `aud` = the Login channel id, `exp` in the future
 * (with `leewaySeconds` for clock skew), `nonce` = the one sent in the authorization request.
 * The signature is checked first and in constant time (ats-core `HmacKey.verify`).
 */
export async function verifyLineIdToken(
  idToken: string,
  expected: { channelId: string; channelSecret: string; nonce: string; now: Date; leewaySeconds?: number },
): Promise<IdTokenResult> {
  const parts = idToken.split(".");
  if (parts.length !== 3) return { ok: false, failure: "malformed" };
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  const header = parseJson(headerPart);
  const payload = parseJson(payloadPart);
  const signature = base64UrlToBytes(signaturePart);
  if (header === undefined || payload === undefined || signature === undefined)
    return { ok: false, failure: "malformed" };
  // Only HS256: accepting what the token names ("none", RS256 with the secret as key) is the classic JWT hole.
  if (header["alg"] !== "HS256") return { ok: false, failure: "unsupported_algorithm" };
  const key = await createHmacKey("SHA-256", expected.channelSecret, "login.channelSecret");
  if (!(await key.verify(`${headerPart}.${payloadPart}`, signature)))
    return { ok: false, failure: "bad_signature" };

  if (payload["iss"] !== LINE_ID_TOKEN_ISSUER) return { ok: false, failure: "wrong_issuer" };
  if (payload["aud"] !== expected.channelId) return { ok: false, failure: "wrong_audience" };
  const exp = payload["exp"];
  const leeway = expected.leewaySeconds ?? 60;
  if (typeof exp !== "number" || exp + leeway <= expected.now.getTime() / 1000)
    return { ok: false, failure: "expired" };
  if (payload["nonce"] !== expected.nonce) return { ok: false, failure: "nonce_mismatch" };
  const sub = payload["sub"];
  if (typeof sub !== "string") return { ok: false, failure: "malformed" };
  const name = payload["name"];
  return {
    ok: true,
    claims: {
      sub,
      iss: LINE_ID_TOKEN_ISSUER,
      aud: expected.channelId,
      exp,
      iat: typeof payload["iat"] === "number" ? payload["iat"] : 0,
      nonce: expected.nonce,
      ...(typeof name === "string" && { name }),
    },
  };
}

function parseJson(part: string): Record<string, unknown> | undefined {
  const bytes = base64UrlToBytes(part);
  if (bytes === undefined) return undefined;
  try {
    const value = JSON.parse(decoder.decode(bytes));
    return typeof value === "object" && value !== null && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
