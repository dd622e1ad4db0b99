/**
 * Which slot occurrences have been started, so that each runs once: the in-process scheduler
 * asks it before running a slot (and at start, to catch up a missed one). Back it with the ATS
 * database to keep that promise across restarts; the BullMQ scheduler needs none (Redis job ids
 * are its ledger).
 */
export interface SlotLedger {
  /** Records that the slot occurrence `key` starts now; `false` when it was already started. */
  claim(key: string): Promise<boolean>;
}

/** In-memory {@link SlotLedger}: once per process. */
export class InMemorySlotLedger implements SlotLedger {
  private readonly claimed = new Set<string>();
  async claim(key: string) {
    if (this.claimed.has(key)) return false;
    this.claimed.add(key);
    return true;
  }
}
