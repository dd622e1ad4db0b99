/** Formats a path as a JSON path: `$`, `$[3].condition.id`, `$[0]["odd key"]`. */
export function toJsonPath(path: readonly (string | number)[]): string {
  let out = "$";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(part)) out += `.${part}`;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out;
}
