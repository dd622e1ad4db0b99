import { AtsError, type AtsErrorOptions } from "@org/ats-core";

/** A request body went over the size limit while it was being read: answer 413. */
export class PayloadTooLargeError extends AtsError {
  static override readonly brand: string = "@org/indeed-apply:PayloadTooLargeError";
  /** The limit in bytes. */
  readonly limit: number;

  constructor(limit: number, message: string, options: AtsErrorOptions = {}) {
    super("payload_too_large", message, options);
    this.limit = limit;
  }
}

/** A request body as a stream: a Web `ReadableStream` (fetch) or an async iterable of chunks (Node request). */
export type BodySource = ReadableStream<Uint8Array> | AsyncIterable<Uint8Array | string>;

function tooLarge(limit: number, seen: number): PayloadTooLargeError {
  return new PayloadTooLargeError(
    limit,
    `The body is larger than the limit of ${limit} bytes (at least ${seen} bytes arrived); raise maxBodyBytes if such applications are expected`,
  );
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
        await reader.cancel().catch(() => undefined);
        throw tooLarge(limit, total);
      }
    }
  } else {
    const iterator = (source as AsyncIterable<Uint8Array | string>)[Symbol.asyncIterator]();
    for (;;) {
      const { done, value } = await iterator.next();
      if (done) break;
      // No iterator.return(): on a Node request that destroys the socket before the 413 is sent.
      if (!add(value)) throw tooLarge(limit, total);
    }
  }
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}
