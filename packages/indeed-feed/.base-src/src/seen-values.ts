/**
 * The values seen so far under one "must be unique" rule (reference numbers, URLs), each remembered with
 * the line of the first job that had it.
 *
 * A value is kept as a 53-bit hash (cyrb53), not as a string: keeping every reference number and URL of a
 * feed as strings would cost about 100 bytes a job (and a string read from a feed can be a V8 slice that
 * keeps its whole 64 KiB chunk alive). Two different texts share a hash with odds of about n² / 2⁵⁴ — one
 * in two million for a 100,000-job feed — and would then be reported as duplicates.
 *
 * The hashes live in an open-addressing table in one typed array, each slot a hash and its line side by
 * side (so a probe touches one cache line; the table is megabytes for a large feed), at most half full:
 * a `Map` keyed by numbers this large boxes every key as a heap number, which costs more memory, more
 * time and garbage for every job.
 */
export class SeenValues {
  /** Slot `i` is `[2i]` the hash and `[2i + 1]` the line of the first job with it; line 0 marks an empty slot. */
  #slots = new Float64Array(2 * 1024);
  #size = 0;

  /** The number of distinct values seen. */
  get size(): number {
    return this.#size;
  }

  /** The line first seen with `value`, or `undefined` when it is new (it is then remembered with `line`). */
  firstLine(value: string, line: number): number | undefined {
    if (this.#size * 4 >= this.#slots.length) this.#grow();
    const first = place(this.#slots, hash53(value), line);
    if (first !== 0) return first;
    this.#size += 1;
    return undefined;
  }

  #grow(): void {
    const old = this.#slots;
    this.#slots = new Float64Array(old.length * 2);
    for (let i = 0; i < old.length; i += 2) {
      if (old[i + 1] !== 0) place(this.#slots, old[i]!, old[i + 1]!);
    }
  }
}

/** Finds `hash` in `slots` and returns its line, or stores it with `line` and returns 0. */
function place(slots: Float64Array, hash: number, line: number): number {
  const mask = slots.length / 2 - 1;
  // The low 32 bits of a well-mixed hash are as good a start as any.
  for (let slot = (hash >>> 0) & mask; ; slot = (slot + 1) & mask) {
    const first = slots[2 * slot + 1]!;
    if (first === 0) {
      slots[2 * slot] = hash;
      slots[2 * slot + 1] = line;
      return 0;
    }
    if (slots[2 * slot] === hash) return first;
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
