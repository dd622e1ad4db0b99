import { HttpError } from "@org/ats-core";

/**
 * Bounds a call that cannot be aborted (`@line/bot-sdk` 10 takes no signal and sets no timeout):
 * the caller gets a `timeout` error after `ms`; the request itself may still finish in the
 * background, which is why every push carries a retry key.
 */
export async function callWithTimeout<T>(
  call: (signal: AbortSignal) => Promise<T>,
  ms: number,
  request: { method: string; url: string },
): Promise<T> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(
        new HttpError(
          "timeout",
          `LINE did not answer ${request.method} ${request.url} within ${ms} ms. Try again; pushes are sent with a retry key, so a retry is never delivered twice.`,
          { method: request.method, url: request.url, requestHeaders: {} },
        ),
      );
    }, ms);
  });
  try {
    return await Promise.race([call(controller.signal), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
