import { packageProject } from "../../vitest.base.ts";

export default packageProject("robo-import");
