import { packageProject } from "../../vitest.base.ts";

export default packageProject("example-core-walkthrough");
