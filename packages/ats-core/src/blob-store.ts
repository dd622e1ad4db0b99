/**
 * Where the bytes of attachments (resumes, CVs, answer files) are kept. An ATS backs this with
 * object storage or its database; the in-memory one is for tests and demos.
 */
export interface BlobStore {
  /** Stores bytes under `key` (replacing what was there: keys are content-derived, so that is idempotent). */
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  get(key: string): Promise<{ bytes: Uint8Array; contentType: string } | undefined>;
}

/** In-memory {@link BlobStore}. */
export class InMemoryBlobStore implements BlobStore {
  private readonly blobs = new Map<string, { bytes: Uint8Array; contentType: string }>();

  async put(key: string, bytes: Uint8Array, contentType: string) {
    this.blobs.set(key, { bytes: bytes.slice(), contentType });
  }

  async get(key: string) {
    const blob = this.blobs.get(key);
    return blob && { bytes: blob.bytes.slice(), contentType: blob.contentType };
  }

  /** Number of blobs stored. */
  get size(): number {
    return this.blobs.size;
  }
}
