import { defineConfig } from "vitest/config";
import projects from "./vitest.workspace.ts";

export default defineConfig({
  test: {
    projects,
    // Tests that need PostgreSQL or Redis live in *.services.test.ts and run under `pnpm test:services`.
    exclude: ["**/node_modules/**", "**/dist/**", "**/*.services.test.ts"],
  },
});
