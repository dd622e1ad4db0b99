import { loadConfig } from "./config";
import { startServer } from "./server";

/**
 * The reference app's entry point: configuration validated, database migrated, server started;
 * SIGTERM and SIGINT stop it gracefully.
 */
let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
const server = await startServer(config);
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => {
    server.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}
