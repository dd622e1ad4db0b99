import { runWalkthrough } from "./walkthrough.ts";

const result = await runWalkthrough();
console.log("ats-core walk-through: two board exports of one company, imported into in-memory stores\n");
console.log(result.lines.join("\n"));
