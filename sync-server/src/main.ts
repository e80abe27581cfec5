// Entry point: `node sync-server/src/main.ts`. Reads the configuration from
// the environment, starts the server, and on SIGINT/SIGTERM flushes and exits.
import { ConfigError, loadConfig } from "./config/config.ts";
import { bridgeConsole } from "./console-bridge.ts";
import { createLogger } from "./logger.ts";
import { startServer } from "./server.ts";
import { EX_IOERR, UnstoredUpdatesError } from "./stop-steps.ts";

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
  // Libraries that print (Hocuspocus reports hook errors with console.error) go into the log,
  // each kind of message a limited number of times a minute (peers decide how often it happens).
  const fromConsole = bridgeConsole(logger);
  console.error = fromConsole.error;
  console.warn = fromConsole.warn;
  const server = await startServer(config, logger);
  console.log(`OpenVibe is running at ${server.url} (data in ${config.dataDir}); Ctrl-C stops it.`);

  const stop = (signal: string) => {
    logger.info({ signal }, "stopping");
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        // Stopped, but accepted updates were not stored (a full or read-only disk): logged.
        if (error instanceof UnstoredUpdatesError) process.exit(EX_IOERR);
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
