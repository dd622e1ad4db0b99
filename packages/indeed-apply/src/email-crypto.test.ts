import { createCipheriv } from "node:crypto";
import { ConfigurationError, ValidationError } from "@org/ats-core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decryptIndeedApplyEmail, encryptIndeedApplyEmail } from "./index";

const SECRET = "your api secret key";

/** Independent reference: node:crypto's OpenSSL AES-128-CBC with the same key derivation. */
function nodeEncrypt(email: string, secret: string): string {
  const key = Buffer.from(secret, "utf8").subarray(0, 16);
  const cipher = createCipheriv("aes-128-cbc", key, Buffer.alloc(16));
  return Buffer.concat([cipher.update(email, "utf8"), cipher.final()]).toString("hex");
}

describe("Indeed Apply e-mail crypto", () => {
  it("reproduces the seed's reference vector (seed 004, Java/Perl/Python samples)", async () => {
    await expect(encryptIndeedApplyEmail("john.doe@example.com", SECRET)).resolves.toBe(
      "eaaacff9df2e4c2a63083a303d4521f0bd41e375232a2895310179bc030addfb",
    );
    await expect(
      decryptIndeedApplyEmail("eaaacff9df2e4c2a63083a303d4521f0bd41e375232a2895310179bc030addfb", SECRET),
    ).resolves.toBe("john.doe@example.com");
  });

  it("matches node:crypto createCipheriv on a vector computed independently", async () => {
    const secret = "0123456789abcdefEXTRA-IGNORED";
    const email = "山田.太郎+indeed@example.co.jp";
    const expected = nodeEncrypt(email, secret);
    await expect(encryptIndeedApplyEmail(email, secret)).resolves.toBe(expected);
    await expect(decryptIndeedApplyEmail(expected.toUpperCase(), secret)).resolves.toBe(email);
  });

  it("uses the first 16 UTF-8 bytes, not characters, of a multi-byte secret", async () => {
    const secret = "秘密の鍵です。追加"; // 3 bytes per character: the key cuts inside a character
    await expect(encryptIndeedApplyEmail("a@b.jp", secret)).resolves.toBe(nodeEncrypt("a@b.jp", secret));
  });

  it("round-trips any string and agrees with node:crypto", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: "grapheme", maxLength: 80 }),
        fc.string({ minLength: 16, maxLength: 40 }),
        async (email, secret) => {
          const hex = await encryptIndeedApplyEmail(email, secret);
          expect(hex).toBe(nodeEncrypt(email, secret));
          expect(await decryptIndeedApplyEmail(hex, secret)).toBe(email);
        },
      ),
      { seed: 42, numRuns: 200 },
    );
  });

  it("rejects an empty or short secret with a ConfigurationError naming the setting", async () => {
    for (const secret of ["", "short", "fifteen-bytes!!"]) {
      const error = await encryptIndeedApplyEmail("a@b.jp", secret).catch((e: unknown) => e);
      expect(ConfigurationError.is(error)).toBe(true);
      expect((error as ConfigurationError).setting).toBe("apiSecret");
      const decryptError = await decryptIndeedApplyEmail("00".repeat(16), secret).catch((e: unknown) => e);
      expect(ConfigurationError.is(decryptError)).toBe(true);
    }
  });

  it("rejects malformed hex and a wrong secret with a ValidationError", async () => {
    for (const bad of ["", "zz", "abc", "00".repeat(15)]) {
      const error = await decryptIndeedApplyEmail(bad, SECRET).catch((e: unknown) => e);
      expect(ValidationError.is(error)).toBe(true);
    }
    const hex = await encryptIndeedApplyEmail("john.doe@example.com", SECRET);
    const wrong = await decryptIndeedApplyEmail(hex, "another secret key!").catch((e: unknown) => e);
    // A wrong key yields bad padding or, rarely, garbage that is not UTF-8 or not the address.
    if (typeof wrong === "string") expect(wrong).not.toBe("john.doe@example.com");
    else expect(ValidationError.is(wrong)).toBe(true);
  });
});
