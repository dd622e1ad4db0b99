import { defineConfig, type Options } from "tsup";

/** The build every package shares: dual ESM + CJS with .d.ts/.d.cts, for Node 20. */
export function packageBuild(
  options: Pick<Options, "entry"> & Partial<Options> = { entry: ["src/index.ts"] },
) {
  return defineConfig({
    format: ["esm", "cjs"],
    dts: true,
    target: "node20",
    clean: true,
    sourcemap: true,
    ...options,
  });
}
