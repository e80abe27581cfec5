import type { ChannelMigration } from "./migration.ts";
import { initialLayout } from "./v1-initial-layout.ts";

/** Every migration, in version order. Add new ones at the end, never edit a shipped one. */
export const MIGRATIONS: readonly ChannelMigration[] = [initialLayout];

/** The schemaVersion this code writes; equal to the last migration's version. */
export const CURRENT_SCHEMA_VERSION = 1;
