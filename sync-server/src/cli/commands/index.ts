// Every subcommand, in the order --help lists them.
import type { Command } from "../command.ts";
import { addMemberCommand } from "./add-member.ts";
import { archiveChannelCommand } from "./archive-channel.ts";
import { backupCommand } from "./backup.ts";
import { configureAgentCommand } from "./configure-agent.ts";
import { createAgentCommand } from "./create-agent.ts";
import { createApiKeyCommand } from "./create-api-key.ts";
import { createBridgeKeyCommand } from "./create-bridge-key.ts";
import { createUserCommand } from "./create-user.ts";
import { deactivateUserCommand } from "./deactivate-user.ts";
import { exportCommand } from "./export.ts";
import { generateCommand } from "./generate.ts";
import { importCommand } from "./import.ts";
import { importSlackCommand } from "./import-slack.ts";
import { invitePlaceholdersCommand } from "./invite-placeholders.ts";
import { listApiKeysCommand } from "./list-api-keys.ts";
import { listChannelsCommand } from "./list-channels.ts";
import { listUsersCommand } from "./list-users.ts";
import { migrateCommand } from "./migrate.ts";
import { reindexCommand } from "./reindex.ts";
import { resetPasswordCommand } from "./reset-password.ts";
import { restoreCommand } from "./restore.ts";
import { revokeApiKeyCommand } from "./revoke-api-key.ts";
import { setRoleCommand } from "./set-role.ts";
import { setupCommand } from "./setup.ts";

export const COMMANDS: readonly Command[] = [
  setupCommand,
  createUserCommand,
  resetPasswordCommand,
  setRoleCommand,
  deactivateUserCommand,
  createAgentCommand,
  configureAgentCommand,
  createApiKeyCommand,
  createBridgeKeyCommand,
  revokeApiKeyCommand,
  listApiKeysCommand,
  listUsersCommand,
  listChannelsCommand,
  addMemberCommand,
  archiveChannelCommand,
  reindexCommand,
  migrateCommand,
  backupCommand,
  restoreCommand,
  exportCommand,
  importCommand,
  importSlackCommand,
  invitePlaceholdersCommand,
  generateCommand,
];
