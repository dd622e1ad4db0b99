/**
 * The values seen so far under one "must be unique" rule (reference numbers, URLs), each remembered with
 * the line of the first job that had it.
 *
 * A value is kept as a 64-bit hash (cyrb53's two 32-bit halves, both kept), not as a string: keeping every
 * reference number and URL of a feed as strings would cost about 100 bytes a job (and a string read from
 * a feed can be a V8 slice that keeps its whole 64 KiB chunk alive). Two different texts share a hash with
 * odds of about n² / 2⁶⁵ — one in three billion for a 100,000-job feed — and would then be reported as
 * duplicates.
 *
 * The hashes live in an open-addressing table in one typed array, each slot the two halves of a hash and
 * the line side by side (12 bytes; a probe touches one cache line; the table is megabytes for a large
 * feed), at most half full: a `Map` keyed by numbers this large boxes every key as a heap number, which
 * costs more memory, more time and garbage for every job.
 */
export class SeenValues {
  /** Slot `i` is `[3i]`, `[3i + 1]` the hash and `[3i + 2]` the line of the first job with it (0: empty). */
  #slots = new Uint32Array(3 * 1024);
  #size = 0;
  readonly #high = new Uint32Array(1);

  /** The number of distinct values seen. */
  get size(): number {
    return this.#size;
  }

  /** The line first seen with `value`, or `undefined` when it is new (it is then remembered with `line`). */
  firstLine(value: string, line: number): number | undefined {
    if (this.#size * 6 >= this.#slots.length) this.#grow();
    const low = hash64(value, this.#high);
    const first = place(this.#slots, this.#high[0]!, low, line);
    if (first !== 0) return first;
    this.#size += 1;
    return undefined;
  }

  #grow(): void {
    const old = this.#slots;
    this.#slots = new Uint32Array(old.length * 2);
    for (let i = 0; i < old.length; i += 3) {
      if (old[i + 2] !== 0) place(this.#slots, old[i]!, old[i + 1]!, old[i + 2]!);
    }
  }
}

/** Finds the hash `high`:`low` in `slots` and returns its line, or stores it with `line` and returns 0. */
function place(slots: Uint32Array, high: number, low: number, line: number): number {
  const mask = slots.length / 3 - 1;
  for (let slot = low & mask; ; slot = (slot + 1) & mask) {
    const at = 3 * slot;
    const first = slots[at + 2]!;
    if (first === 0) {
      slots[at] = high;
      slots[at + 1] = low;
      slots[at + 2] = line;
      return 0;
    }
    if (slots[at + 1] === low && slots[at] === high) return first;
  }
}

/**
 * The low half of a 64-bit hash of `text` (cyrb53, both 32-bit halves, unsigned); the high half is left
 * in `high[0]` (a hash is two numbers, and returning a pair would allocate for every job).
 */
function hash64(text: string, high: Uint32Array): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  high[0] = h2;
  return h1 >>> 0;
}
