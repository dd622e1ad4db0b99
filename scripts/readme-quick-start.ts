import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";

/**
 * Runs the first ```ts block of a package README as a script, the way a user would paste it, and
 * returns what it printed. The file is written inside the package so that the package's own name
 * resolves (Node's self-reference through `exports`, with the `@org/source` condition).
 */
export async function runReadmeQuickStart(packageDir: string): Promise<string> {
  const readme = await readFile(path.join(packageDir, "README.md"), "utf8");
  const block = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  if (block === undefined) throw new Error(`${packageDir}/README.md has no \`\`\`ts quick start block`);
  const dir = await mkdtemp(path.join(packageDir, ".quick-start-"));
  try {
    const file = path.join(dir, "quick-start.ts");
    await writeFile(file, block);
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ["--conditions=@org/source", "--import", "tsx", file],
      {
        cwd: packageDir,
        timeout: 60_000,
      },
    );
    return stdout;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
