import { describe, expect, it } from "vitest";
import { base64ToBytes, bytesToBase64, bytesToHex, hexToBytes } from "./bytes";
import { ConfigurationError } from "./errors";
import { createHmacKey, timingSafeEqual } from "./hmac";

describe("createHmacKey", () => {
  it("reproduces the X-Indeed-Signature test vector of seed 004 (HMAC-SHA1, base64)", async () => {
    const key = await createHmacKey("SHA-1", "Y0ur api secret key not shared &$%@");
    const message = "{'locale':'en_US','applicant':{'fullName':'John Doe','email':'john.doe@example.com'}}";
    expect(await key.signBase64(message)).toBe("SGadPKocf3HD1LYXm3xGObB6hzk=");
    expect(await key.verify(message, base64ToBytes("SGadPKocf3HD1LYXm3xGObB6hzk=")!)).toBe(true);
    expect(await key.verify(`${message} `, base64ToBytes("SGadPKocf3HD1LYXm3xGObB6hzk=")!)).toBe(false);
  });

  it("matches RFC 4231 test case 2 for HMAC-SHA256", async () => {
    const key = await createHmacKey("SHA-256", "Jefe");
    expect(await key.signHex("what do ya want for nothing?")).toBe(
      "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
    );
  });

  it("refuses an empty secret as a configuration error instead of skipping verification", async () => {
    await expect(createHmacKey("SHA-256", "", "lineChannelSecret")).rejects.toSatisfy(
      (error: unknown) => ConfigurationError.is(error) && error.setting === "lineChannelSecret",
    );
  });
});

describe("timingSafeEqual", () => {
  it("compares contents and lengths", () => {
    expect(timingSafeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 3]))).toBe(true);
    expect(timingSafeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 4]))).toBe(false);
    expect(timingSafeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2, 0]))).toBe(false);
    expect(timingSafeEqual(new Uint8Array([]), new Uint8Array([]))).toBe(true);
  });
});

describe("byte encodings", () => {
  it("round-trips hex and base64 and refuses malformed input", () => {
    const bytes = new Uint8Array([0, 1, 127, 128, 255]);
    expect(hexToBytes(bytesToHex(bytes))).toEqual(bytes);
    expect(base64ToBytes(bytesToBase64(bytes))).toEqual(bytes);
    expect(hexToBytes("abc")).toBeUndefined();
    expect(hexToBytes("zz")).toBeUndefined();
    expect(base64ToBytes("SGad PKocf3HD1LYXm3xGObB6hzk=")).toBeUndefined();
    expect(base64ToBytes("SGadPKocf3HD1LYXm3xGObB6hzk")).toBeUndefined();
    // "SGadPKocf3HD1LYXm3xGObB6hzl=" decodes to the same 20 bytes: only the canonical form is accepted.
    expect(base64ToBytes("SGadPKocf3HD1LYXm3xGObB6hzl=")).toBeUndefined();
    expect(base64ToBytes("QQ==")).toEqual(new Uint8Array([65]));
    expect(base64ToBytes("QR==")).toBeUndefined();
  });
});
