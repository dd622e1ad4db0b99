import { bytesToBase64, bytesToHex, toBytes } from "./bytes";
import { ConfigurationError } from "./errors";

/** Hash functions the webhook providers use (Indeed: SHA-1; LINE and most others: SHA-256). */
export type HmacAlgorithm = "SHA-1" | "SHA-256" | "SHA-512";

/**
 * Compares two byte strings in time that depends only on their lengths, never on where they
 * differ. Different lengths compare unequal (after the same amount of work).
 */
export function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  const length = Math.max(a.length, b.length);
  let difference = a.length ^ b.length;
  for (let i = 0; i < length; i++) difference |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return difference === 0;
}

/**
 * An HMAC key imported once into Web Crypto, for signing and verifying many messages
 * (a verifier per tenant keeps one of these). Works on Node, Deno, Bun and edge runtimes.
 */
export interface HmacKey {
  readonly algorithm: HmacAlgorithm;
  /** The raw MAC of `message` (a string is taken as UTF-8). */
  sign(message: string | Uint8Array): Promise<Uint8Array>;
  /** `sign()` as base64. */
  signBase64(message: string | Uint8Array): Promise<string>;
  /** `sign()` as lower-case hex. */
  signHex(message: string | Uint8Array): Promise<string>;
  /** True when `mac` is the MAC of `message`, compared in constant time. */
  verify(message: string | Uint8Array, mac: Uint8Array): Promise<boolean>;
}

/**
 * Imports an HMAC key. An empty secret is a configuration error, never "skip verification".
 *
 * @param secret the shared secret (a string is taken as UTF-8)
 * @param setting the name of the setting the secret came from, for the error message
 */
export async function createHmacKey(
  algorithm: HmacAlgorithm,
  secret: string | Uint8Array,
  setting = "secret",
): Promise<HmacKey> {
  const secretBytes = toBytes(secret ?? "");
  if (secretBytes.length === 0) {
    throw new ConfigurationError(
      setting,
      `The ${setting} is empty. Set it to the shared secret from the provider's console; verification is never skipped.`,
    );
  }
  const key = await crypto.subtle.importKey(
    "raw",
    secretBytes as BufferSource,
    { name: "HMAC", hash: algorithm },
    false,
    ["sign"],
  );
  const sign = async (message: string | Uint8Array) =>
    new Uint8Array(await crypto.subtle.sign("HMAC", key, toBytes(message) as BufferSource));
  return {
    algorithm,
    sign,
    signBase64: async (message) => bytesToBase64(await sign(message)),
    signHex: async (message) => bytesToHex(await sign(message)),
    verify: async (message, mac) => timingSafeEqual(await sign(message), mac),
  };
}
