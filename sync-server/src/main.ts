// Entry point: `node sync-server/src/main.ts`. Reads the configuration from
// the environment, starts the server, and on SIGINT/SIGTERM flushes and exits.
import { formatWithOptions } from "node:util";
import { ConfigError, loadConfig } from "./config/config.ts";
import { createLogger } from "./logger.ts";
import { startServer } from "./server.ts";

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  // Libraries that print (Hocuspocus reports hook errors with console.error) go into the log.
  const fromConsole = logger.child({ component: "console" });
  console.error = (...args: unknown[]) =>
    fromConsole.error(formatWithOptions({ colors: false }, ...args));
  console.warn = (...args: unknown[]) =>
    fromConsole.warn(formatWithOptions({ colors: false }, ...args));
  const server = await startServer(config, logger);
  console.log(`OpenVibe is running at ${server.url} (data in ${config.dataDir}); Ctrl-C stops it.`);

  const stop = (signal: string) => {
    logger.info({ signal }, "stopping");
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.fatal({ err: error }, "failed to stop cleanly");
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", () => stop("SIGINT"));
  process.once("SIGTERM", () => stop("SIGTERM"));
}

main().catch((error: unknown) => {
  console.error("OpenVibe failed to start:", error);
  process.exit(1);
});
