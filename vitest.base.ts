import { defineProject } from "vitest/config";

/** Tests that need PostgreSQL or Redis are named `*.services.test.ts`; `pnpm test:services` runs only those. */
const SERVICE_TESTS = "**/*.services.test.ts";
/** Tests that drive Chromium are named `*.browser.test.ts`; `pnpm test:browser` runs only those. */
const BROWSER_TESTS = "**/*.browser.test.ts";
const servicesRun = process.env["ATS_SERVICE_TESTS"] === "1";
const browserRun = process.env["ATS_BROWSER_TESTS"] === "1";

/**
 * The test project every package shares. The `@org/source` export condition makes imports of
 * sibling packages resolve to their TypeScript sources, so tests run without a build.
 */
export function packageProject(name: string, options: { testTimeout?: number } = {}) {
  return defineProject({
    resolve: { conditions: ["@org/source"] },
    ssr: { resolve: { conditions: ["@org/source"] } },
    test: {
      name,
      ...options,
      ...(servicesRun
        ? { include: [SERVICE_TESTS] }
        : browserRun
          ? { include: [BROWSER_TESTS] }
          : {
              exclude: [
                "**/node_modules/**",
                "**/dist/**",
                "**/.quick-start-*/**",
                SERVICE_TESTS,
                BROWSER_TESTS,
              ],
            }),
    },
  });
}
