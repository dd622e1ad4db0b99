/**
 * `@org/topcv-client/testing`: an in-process mock of the ASSUMED TopCV contract (docs/topcv-api.md (repository root)),
 * for tests and demos. It is not TopCV; it is what this package assumes TopCV does.
 *
 * @packageDocumentation
 */
export {
  type MockFault,
  type MockRequestRecord,
  TopCvContractMock,
  type TopCvContractMockOptions,
} from "./contract-mock";
