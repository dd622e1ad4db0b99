import { bytesToHex } from "./bytes";

/** SHA-256 of `bytes`, as lower-case hex. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  return bytesToHex(new Uint8Array(await crypto.subtle.digest("SHA-256", bytes as BufferSource)));
}

/**
 * The key attachments are stored under: content-addressed (`sha256/<hex>`), so the same file
 * delivered twice is stored once and a retry writes the same key. Answers that carry files refer
 * to them by this key.
 */
export async function blobKeyFor(bytes: Uint8Array): Promise<string> {
  return blobKeyOfHash(await sha256Hex(bytes));
}

/** {@link blobKeyFor} when the SHA-256 is already known. */
export function blobKeyOfHash(sha256: string): string {
  return `sha256/${sha256}`;
}

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
