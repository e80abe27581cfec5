// Options shared by several commands.
import type { OptionSpec } from "./command.ts";

export const DATA_DIR_OPTION = {
  "data-dir": {
    type: "string",
    value: "DIR",
    description: "the server's data directory (default: $OPENVIBE_DATA_DIR, else ./data)",
  },
} as const satisfies Record<string, OptionSpec>;

/** For commands acting on a set-up workspace, as one of its admins. */
export const WORKSPACE_OPTIONS = {
  ...DATA_DIR_OPTION,
  as: {
    type: "string",
    value: "EMAIL|@HANDLE",
    description: "act as this admin (default: the oldest active admin); recorded in the audit log",
  },
} as const satisfies Record<string, OptionSpec>;

/** The channel a command acts on (see lookup.ts requireChannel). */
export const CHANNEL_OPTION = {
  channel: {
    type: "string",
    value: "NAME|ID",
    required: true,
    description: "the channel, by name (with or without #) or id",
  },
} as const satisfies Record<string, OptionSpec>;

export const PASSWORD_OPTIONS = {
  "password-stdin": {
    type: "boolean",
    description: "read the password as one line from stdin (default: a prompt without echo)",
  },
} as const satisfies Record<string, OptionSpec>;

/** Added to every command by the dispatcher. */
export const GLOBAL_OPTIONS = {
  json: { type: "boolean", description: "print machine-readable JSON on stdout" },
  help: { type: "boolean", short: "h", description: "show this help" },
} as const satisfies Record<string, OptionSpec>;
