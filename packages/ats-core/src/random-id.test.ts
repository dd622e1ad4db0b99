import { describe, expect, it } from "vitest";
import { randomId } from "./random-id";

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("randomId", () => {
  it("makes version-4 UUIDs, all different, across several refills of the random pool", () => {
    const ids = Array.from({ length: 2_000 }, () => randomId());
    for (const id of ids) expect(id).toMatch(UUID_V4);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("uses every hex digit in the random positions", () => {
    const seen = new Set(
      Array.from({ length: 200 }, () => randomId())
        .join("")
        .replaceAll("-", ""),
    );
    expect([...seen].sort().join("")).toBe("0123456789abcdef");
  });
});
