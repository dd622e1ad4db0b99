import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll } from "vitest";
import { TopCvContractMock, type TopCvContractMockOptions } from "./contract-mock";

/** Test helper (not exported): an msw server routing the API and CV hosts to a fresh contract mock per test. */
export const TEST_BASE_URL = "https://partner-api.topcv.test/v1";
export const TEST_CV_BASE_URL = "https://cv.topcv.test";
export const CREDENTIALS = { accessToken: "at_live_5f2c9e", secretKey: "sk_live_91ab77" } as const;

export function useContractMock(options: Partial<TopCvContractMockOptions> = {}) {
  const state: { mock: TopCvContractMock } = { mock: newMock() };
  function newMock() {
    return new TopCvContractMock({
      ...CREDENTIALS,
      baseUrl: TEST_BASE_URL,
      cvBaseUrl: TEST_CV_BASE_URL,
      ...options,
    });
  }
  const server = setupServer(
    http.all(`${TEST_BASE_URL}/*`, ({ request }) => state.mock.handle(request)),
    http.all(`${TEST_CV_BASE_URL}/*`, ({ request }) => state.mock.handle(request)),
  );
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterEach(() => {
    server.resetHandlers();
    state.mock = newMock();
  });
  afterAll(() => server.close());
  return {
    get mock() {
      return state.mock;
    },
    server,
    /** A network failure (connection reset) for the next request. */
    networkError: () => HttpResponse.error(),
  };
}

/** A sleep that records delays instead of waiting. */
export function recordingSleep() {
  const delays: number[] = [];
  const sleep = async (ms: number) => {
    delays.push(ms);
  };
  return { delays, sleep };
}
