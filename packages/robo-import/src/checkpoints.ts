/**
 * Where each board account's import stands: the end of the last window whose every record the
 * sink confirmed. It moves only after that confirmation, so a crash mid-run loses nothing (the
 * window is fetched again) and imports nothing twice (the sink skips what it already has).
 */
export interface CheckpointStore {
  get(accountId: string): Promise<Date | undefined>;
  set(accountId: string, at: Date): Promise<void>;
}

/** In-memory {@link CheckpointStore}. */
export class InMemoryCheckpointStore implements CheckpointStore {
  private readonly checkpoints = new Map<string, Date>();
  async get(accountId: string) {
    const at = this.checkpoints.get(accountId);
    return at && new Date(at.getTime());
  }
  async set(accountId: string, at: Date) {
    this.checkpoints.set(accountId, new Date(at.getTime()));
  }
}
