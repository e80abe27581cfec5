// The blob store of the server on a data directory, for the commands that carry files in and
// out: the one its configuration names ($OPENVIBE_FILE_STORE and the S3 settings, read and
// checked as the server reads them), so they are run with the server's environment.
import { ConfigError, loadConfig } from "../config/config.ts";
import type { BlobStore } from "../files/blob-store.ts";
import { type OpenedBlobStore, openBlobStore } from "../files/open-blob-store.ts";
import { CliError } from "./errors.ts";

function configuredBlobStore(dataDir: string, env: NodeJS.ProcessEnv): OpenedBlobStore {
  try {
    return openBlobStore(dataDir, loadConfig(env).files.store);
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(error.message);
    throw error;
  }
}

/** Runs `action` with the configured blob store, and releases it after. */
export async function withBlobStore<T>(
  dataDir: string,
  env: NodeJS.ProcessEnv,
  action: (store: BlobStore, opened: OpenedBlobStore) => Promise<T>,
): Promise<T> {
  const opened = configuredBlobStore(dataDir, env);
  try {
    return await action(opened.store, opened);
  } finally {
    opened.close();
  }
}
