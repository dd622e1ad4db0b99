import { AtsError, type AtsErrorOptions } from "./errors";

/** A request or response body went over its size limit while it was read: answer (or treat as) 413. */
export class PayloadTooLargeError extends AtsError {
  static override readonly brand: string = "@org/ats-core:PayloadTooLargeError";
  /** The limit in bytes. */
  readonly limit: number;

  constructor(limit: number, message: string, options: AtsErrorOptions = {}) {
    super("payload_too_large", message, options);
    this.limit = limit;
  }
}

/** A body as a stream: a Web `ReadableStream` (fetch) or an async iterable of chunks (a Node request). */
export type BodySource = ReadableStream<Uint8Array> | AsyncIterable<Uint8Array | string>;

/** Joins byte chunks into one array (the chunk itself when there is only one). */
export function concatBytes(
  chunks: readonly Uint8Array[],
  total = chunks.reduce((sum, chunk) => sum + chunk.length, 0),
): Uint8Array {
  if (chunks.length === 1 && chunks[0]!.length === total) return chunks[0]!;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/**
 * Reads a body into one byte array, failing with a {@link PayloadTooLargeError} as soon as more
 * than `limit` bytes have arrived — never after buffering the whole body. A Web stream is
 * cancelled on overflow; a Node request is left paused, and the caller closes the connection after
 * answering (destroying it here would lose the 413 response).
 */
export async function readBodyWithLimit(source: BodySource, limit: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const tooLarge = () =>
    new PayloadTooLargeError(
      limit,
      `The body is larger than the limit of ${limit} bytes (at least ${total} bytes arrived); raise the limit if such bodies are expected`,
    );
  const add = (chunk: Uint8Array | string): boolean => {
    const bytes = typeof chunk === "string" ? new TextEncoder().encode(chunk) : chunk;
    total += bytes.length;
    if (total > limit) return false;
    chunks.push(bytes);
    return true;
  };
  if (typeof (source as ReadableStream<Uint8Array>).getReader === "function") {
    const reader = (source as ReadableStream<Uint8Array>).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!add(value)) {
        // Not awaited: some fetch implementations settle a cancel only once the peer closes.
        void reader.cancel().catch(() => undefined);
        throw tooLarge();
      }
    }
  } else {
    const iterator = (source as AsyncIterable<Uint8Array | string>)[Symbol.asyncIterator]();
    for (;;) {
      const { done, value } = await iterator.next();
      if (done) break;
      // No iterator.return(): on a Node request that destroys the socket before the 413 is sent.
      if (!add(value)) throw tooLarge();
    }
  }
  return concatBytes(chunks, total);
}
