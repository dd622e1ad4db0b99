/*
 * Compiles src/xml-illegal-scan.wat (the XML-illegal character scan) into src/xml-illegal-scan-wasm.ts,
 * the bytes the package ships (base64, so that no build step or file lookup is needed at run time).
 * Run after editing the .wat: `pnpm --filter @org/indeed-feed build:wasm`. A test fails when the two
 * disagree (xml-illegal-scanner.test.ts).
 */

import { readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import wabt from "wabt";

const WAT = fileURLToPath(new URL("../src/xml-illegal-scan.wat", import.meta.url));
const OUTPUT = fileURLToPath(new URL("../src/xml-illegal-scan-wasm.ts", import.meta.url));

/** The WebAssembly binary of src/xml-illegal-scan.wat. */
export async function compileXmlIllegalScan(): Promise<Uint8Array> {
  const toolkit = await wabt();
  const module = toolkit.parseWat("xml-illegal-scan.wat", await readFile(WAT, "utf8"), { simd: true });
  try {
    module.validate();
    return module.toBinary({}).buffer;
  } finally {
    module.destroy();
  }
}

/** The TypeScript module that carries the binary. */
export function wasmModuleSource(binary: Uint8Array): string {
  return `// Generated from xml-illegal-scan.wat by scripts/build-wasm.ts: do not edit.\n\n/** The XML-illegal character scan, compiled (base64). */\nexport const XML_ILLEGAL_SCAN_WASM =\n  "${Buffer.from(binary).toString("base64")}";\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const binary = await compileXmlIllegalScan();
  await writeFile(OUTPUT, wasmModuleSource(binary));
  console.log(`${OUTPUT}: ${binary.length} bytes of WebAssembly`);
}
