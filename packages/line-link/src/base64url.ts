import { base64ToBytes, bytesToBase64 } from "@org/ats-core";

/** base64url without padding (JWT, state, nonce and linking tokens). */
export function bytesToBase64Url(bytes: Uint8Array): string {
  return bytesToBase64(bytes).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** Bytes of a base64url string (padding optional); `undefined` when it is not base64url. */
export function base64UrlToBytes(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return undefined;
  const padded = text.replace(/-/g, "+").replace(/_/g, "/") + "===".slice(0, (4 - (text.length % 4)) % 4);
  return base64ToBytes(padded);
}

/** `bytes` random bytes as base64url: 32 bytes = 256 bits, unguessable. */
export function randomToken(bytes = 32): string {
  return bytesToBase64Url(crypto.getRandomValues(new Uint8Array(bytes)));
}
