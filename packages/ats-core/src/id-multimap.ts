/**
 * Ids grouped by key, for the in-memory stores' indexes. Most keys hold one id, so an entry is the
 * id itself and becomes an array only when a second id arrives: a `Set` per key would cost about
 * 200 bytes for every candidate or application stored. Keys holding many ids also get a `Set`
 * of their members, so that adding to them stays O(1).
 */
export class IdMultimap {
  private readonly entries = new Map<string, string | string[]>();
  private readonly largeBuckets = new Map<string, Set<string>>();

  /** Adds `id` under `key` (once: adding it again changes nothing). */
  add(key: string, id: string): void {
    const entry = this.entries.get(key);
    if (entry === undefined) this.entries.set(key, id);
    else if (typeof entry === "string") {
      if (entry !== id) this.entries.set(key, [entry, id]);
    } else this.addToBucket(key, entry, id);
  }

  /** Removes `id` from under `key`. */
  remove(key: string, id: string): void {
    const entry = this.entries.get(key);
    if (entry === undefined) return;
    if (typeof entry === "string") {
      if (entry === id) this.entries.delete(key);
      return;
    }
    const rest = entry.filter((member) => member !== id);
    this.largeBuckets.get(key)?.delete(id);
    if (rest.length < LARGE_BUCKET) this.largeBuckets.delete(key);
    if (rest.length === 0) this.entries.delete(key);
    else this.entries.set(key, rest.length === 1 ? rest[0]! : rest);
  }

  /** The ids under `key`, oldest first. The array is the map's own: read it, do not keep or change it. */
  get(key: string): readonly string[] {
    const entry = this.entries.get(key);
    if (entry === undefined) return NONE;
    return typeof entry === "string" ? [entry] : entry;
  }

  /** Number of distinct keys. */
  get size(): number {
    return this.entries.size;
  }

  private addToBucket(key: string, bucket: string[], id: string): void {
    const members = this.largeBuckets.get(key);
    if (members !== undefined) {
      if (members.has(id)) return;
      members.add(id);
    } else {
      if (bucket.includes(id)) return;
      if (bucket.length >= LARGE_BUCKET) this.largeBuckets.set(key, new Set([...bucket, id]));
    }
    bucket.push(id);
  }
}

// From this many ids a key's membership test uses a Set instead of scanning the array.
const LARGE_BUCKET = 16;
const NONE: readonly string[] = Object.freeze([]);
