import { defineConfig } from "vitest/config";
import projects from "./vitest.workspace.ts";

// `pnpm test:services`: only the tests that talk to the machine's PostgreSQL and Redis.
// They fail loudly when a service is missing; they never skip.
export default defineConfig({
  test: {
    projects: projects.map((root) => ({
      extends: true,
      test: { include: [`${root}/**/*.services.test.ts`], exclude: ["**/node_modules/**"] },
    })),
  },
});
