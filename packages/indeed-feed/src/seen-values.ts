/**
 * The values seen so far under one "must be unique" rule (reference numbers, URLs), each remembered with
 * the line of the first job that had it.
 *
 * A value is kept as a 53-bit hash (cyrb53), not as a string: keeping every reference number and URL of a
 * feed as strings would cost about 100 bytes a job (and a string read from a feed can be a V8 slice that
 * keeps its whole 64 KiB chunk alive). Two different texts share a hash with odds of about n² / 2⁵⁴ — one
 * in two million for a 100,000-job feed — and would then be reported as duplicates.
 *
 * The hashes live in an open-addressing table of two typed arrays (12 bytes a slot, at most half full):
 * a `Map` keyed by numbers this large boxes every key as a heap number, which costs more memory, more
 * time and garbage for every job.
 */
export class SeenValues {
  #hashes = new Float64Array(1024);
  /** The line of the first job with the value; 0 marks an empty slot (lines start at 1). */
  #lines = new Uint32Array(1024);
  #size = 0;

  /** The number of distinct values seen. */
  get size(): number {
    return this.#size;
  }

  /** The line first seen with `value`, or `undefined` when it is new (it is then remembered with `line`). */
  firstLine(value: string, line: number): number | undefined {
    if (this.#size * 2 >= this.#lines.length) this.#grow();
    const hash = hash53(value);
    const mask = this.#lines.length - 1;
    // The low 32 bits of a well-mixed hash are as good a start as any.
    for (let slot = (hash >>> 0) & mask; ; slot = (slot + 1) & mask) {
      const first = this.#lines[slot]!;
      if (first === 0) {
        this.#hashes[slot] = hash;
        this.#lines[slot] = line;
        this.#size += 1;
        return undefined;
      }
      if (this.#hashes[slot] === hash) return first;
    }
  }

  #grow(): void {
    const hashes = this.#hashes;
    const lines = this.#lines;
    this.#hashes = new Float64Array(hashes.length * 2);
    this.#lines = new Uint32Array(lines.length * 2);
    const mask = this.#lines.length - 1;
    for (let i = 0; i < lines.length; i++) {
      if (lines[i] === 0) continue;
      let slot = (hashes[i]! >>> 0) & mask;
      while (this.#lines[slot] !== 0) slot = (slot + 1) & mask;
      this.#hashes[slot] = hashes[i]!;
      this.#lines[slot] = lines[i]!;
    }
  }
}

/** A 53-bit hash of `text` (cyrb53). */
export function hash53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
