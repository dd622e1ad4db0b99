import { packageProject } from "../../vitest.base.ts";

export default packageProject("topcv-client");
