import { packageProject } from "../../vitest.base.ts";

export default packageProject("example-express-ats", { testTimeout: 30_000 });
