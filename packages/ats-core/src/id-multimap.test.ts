import { describe, expect, it } from "vitest";
import { IdMultimap } from "./id-multimap";

describe("IdMultimap", () => {
  it("keeps ids per key in insertion order, once each, and forgets emptied keys", () => {
    const map = new IdMultimap();
    map.add("k", "a");
    expect(map.get("k")).toEqual(["a"]);
    map.add("k", "a");
    map.add("k", "b");
    map.add("k", "b");
    expect(map.get("k")).toEqual(["a", "b"]);
    map.remove("k", "a");
    expect(map.get("k")).toEqual(["b"]);
    map.remove("k", "b");
    expect(map.get("k")).toEqual([]);
    expect(map.size).toBe(0);
  });

  it("stays exact for large buckets, through growth and shrinking", () => {
    const map = new IdMultimap();
    const ids = Array.from({ length: 40 }, (_, i) => `id-${i}`);
    for (const id of [...ids, ...ids]) map.add("shared", id);
    expect(map.get("shared")).toEqual(ids);
    for (const id of ids.slice(0, 30)) map.remove("shared", id);
    expect(map.get("shared")).toEqual(ids.slice(30));
    for (const id of ids) map.add("shared", id);
    expect(map.get("shared")).toEqual([...ids.slice(30), ...ids.slice(0, 30)]);
    map.remove("missing", "id-1");
    map.remove("shared", "not-there");
    expect(map.get("shared")).toHaveLength(40);
  });
});
