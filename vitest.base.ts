import { defineProject } from "vitest/config";

/**
 * The test project every package shares. The `@org/source` export condition makes imports of
 * sibling packages resolve to their TypeScript sources, so tests run without a build.
 */
export function packageProject(name: string, options: { testTimeout?: number } = {}) {
  return defineProject({
    resolve: { conditions: ["@org/source"] },
    ssr: { resolve: { conditions: ["@org/source"] } },
    test: { name, ...options },
  });
}
