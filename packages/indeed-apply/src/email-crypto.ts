import { bytesToHex, ConfigurationError, hexToBytes, ValidationError } from "@org/ats-core";

/*
 * Indeed Apply's e-mail encryption (SPEC §2; seed 004_7a98198eda9710f9.txt, "メールアドレスの暗号化"):
 * AES-128-CBC, an all-zero IV, PKCS#5 padding (PKCS#7 on 16-byte blocks, which is what Web Crypto's
 * AES-CBC applies), the key is the first 16 UTF-8 bytes of the API secret, output as lower-case hex.
 * The seed's own vector: "john.doe@example.com" with secret "your api secret key" gives
 * eaaacff9df2e4c2a63083a303d4521f0bd41e375232a2895310179bc030addfb.
 */

const KEY_LENGTH = 16;
const ZERO_IV = new Uint8Array(16);
const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: true });

async function importEmailKey(apiSecret: string, usage: "encrypt" | "decrypt"): Promise<CryptoKey> {
  const secretBytes = encoder.encode(typeof apiSecret === "string" ? apiSecret : "");
  if (secretBytes.length < KEY_LENGTH) {
    throw new ConfigurationError(
      "apiSecret",
      `The Indeed API secret is ${secretBytes.length === 0 ? "empty" : `only ${secretBytes.length} UTF-8 byte(s) long`}; e-mail encryption uses its first 16 UTF-8 bytes as the AES-128 key. Set it to the API secret shown at https://secure.indeed.com/account/apikeys.`,
    );
  }
  return crypto.subtle.importKey("raw", secretBytes.slice(0, KEY_LENGTH), { name: "AES-CBC" }, false, [
    usage,
  ]);
}

/**
 * Encrypts an e-mail address the way Indeed Apply expects it in `indeed-apply-email`
 * (AES-128-CBC, zero IV, PKCS#5, key = first 16 UTF-8 bytes of the API secret) and returns lower-case hex.
 *
 * @throws ConfigurationError when the API secret is empty or shorter than 16 UTF-8 bytes.
 */
export async function encryptIndeedApplyEmail(email: string, apiSecret: string): Promise<string> {
  const key = await importEmailKey(apiSecret, "encrypt");
  const cipher = await crypto.subtle.encrypt({ name: "AES-CBC", iv: ZERO_IV }, key, encoder.encode(email));
  return bytesToHex(new Uint8Array(cipher));
}

/**
 * Decrypts a hex string produced by {@link encryptIndeedApplyEmail} (or by Indeed's reference code).
 *
 * @throws ConfigurationError when the API secret is empty or shorter than 16 UTF-8 bytes.
 * @throws ValidationError when `hex` is not hex of whole 16-byte blocks, or does not decrypt under this
 *   secret (wrong secret or corrupted text), or the plaintext is not UTF-8.
 */
export async function decryptIndeedApplyEmail(hex: string, apiSecret: string): Promise<string> {
  const key = await importEmailKey(apiSecret, "decrypt");
  const bytes = hexToBytes(hex.trim());
  if (bytes === undefined || bytes.length === 0 || bytes.length % KEY_LENGTH !== 0) {
    throw new ValidationError("encrypted e-mail", [
      {
        path: [],
        reason: "invalid_format",
        message:
          "Expected hex of one or more 16-byte AES blocks (an even number of 0-9a-f characters, a multiple of 32).",
      },
    ]);
  }
  let plain: ArrayBuffer;
  try {
    plain = await crypto.subtle.decrypt({ name: "AES-CBC", iv: ZERO_IV }, key, bytes as BufferSource);
  } catch (cause) {
    throw new ValidationError(
      "encrypted e-mail",
      [
        {
          path: [],
          reason: "decrypt_failed",
          message:
            "The padding did not check out: the text was encrypted with another API secret or is corrupted.",
        },
      ],
      { cause },
    );
  }
  try {
    return decoder.decode(plain);
  } catch (cause) {
    throw new ValidationError(
      "encrypted e-mail",
      [
        {
          path: [],
          reason: "invalid_utf8",
          message: "The decrypted bytes are not UTF-8: check the API secret.",
        },
      ],
      { cause },
    );
  }
}
