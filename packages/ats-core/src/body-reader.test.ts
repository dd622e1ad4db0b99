import { describe, expect, it } from "vitest";
import { concatBytes, PayloadTooLargeError, readBodyWithLimit } from "./body-reader";

async function* chunks(...parts: (string | Uint8Array)[]) {
  yield* parts;
}

describe("readBodyWithLimit", () => {
  it("reads async iterables (Node requests) and Web streams", async () => {
    expect(new TextDecoder().decode(await readBodyWithLimit(chunks("応募", new Uint8Array([33])), 100))).toBe(
      "応募!",
    );
    const stream = new Response("raw body").body!;
    expect(new TextDecoder().decode(await readBodyWithLimit(stream, 100))).toBe("raw body");
  });

  it("stops at the limit without reading the rest", async () => {
    let pulled = 0;
    async function* endless() {
      for (;;) {
        pulled++;
        yield new Uint8Array(1024);
      }
    }
    await expect(readBodyWithLimit(endless(), 4096)).rejects.toSatisfy(
      (error) => PayloadTooLargeError.is(error) && error.limit === 4096,
    );
    expect(pulled).toBe(5);
    await expect(readBodyWithLimit(new Response("x".repeat(10)).body!, 9)).rejects.toThrow(
      /larger than the limit of 9 bytes/,
    );
  });

  it("joins chunks", () => {
    expect(concatBytes([new Uint8Array([1]), new Uint8Array([2, 3])])).toEqual(new Uint8Array([1, 2, 3]));
    expect(concatBytes([])).toEqual(new Uint8Array(0));
  });
});
