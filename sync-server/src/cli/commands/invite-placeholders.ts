// ovb invite-placeholders: single-use invite links that let people claim their placeholder
// accounts (imported from an export or from Slack: people without a password), keeping what
// those accounts wrote. For everyone still a placeholder, or one person.
import { createClaimInvite } from "../../accounts/invites.ts";
import { listUsers } from "../../accounts/users.ts";
import { defineCommand } from "../command.ts";
import { CliError, UsageError } from "../errors.ts";
import { findByReference } from "../lookup.ts";
import { WORKSPACE_OPTIONS } from "../options.ts";
import { table } from "../output.ts";
import { asAdmin } from "../workspace.ts";

export const INVITE_OPTIONS = {
  url: {
    type: "string",
    value: "ORIGIN",
    description:
      "the address people open, for the links (default: $OPENVIBE_PUBLIC_URL, else http://localhost:8787)",
  },
  "expires-in-hours": {
    type: "string",
    value: "N",
    description: "how long the links work (default: 168, a week)",
  },
} as const;

export function inviteHours(value: string | undefined): number {
  if (value === undefined) return 168;
  const hours = Number(value);
  if (!Number.isInteger(hours) || hours < 1 || hours > 24 * 90) {
    throw new UsageError(`--expires-in-hours: ${value} is not a whole number of hours (1-2160)`);
  }
  return hours;
}

export function inviteLink(url: string | undefined, env: NodeJS.ProcessEnv, token: string): string {
  const origin = (url || env.OPENVIBE_PUBLIC_URL || "http://localhost:8787").replace(/\/+$/, "");
  return `${origin}/invite/${token}`;
}

export const invitePlaceholdersCommand = defineCommand({
  name: "invite-placeholders",
  summary: "Make invite links with which people claim their imported accounts",
  synopsis: "[--user EMAIL|@HANDLE] [--url ORIGIN] [--expires-in-hours N]",
  details:
    "A placeholder is an account an import created without a password. Accepting its link " +
    "sets the account's email, name and password; everything it wrote stays its own. Links " +
    "are single-use and shown once.",
  options: {
    user: { type: "string", value: "EMAIL|@HANDLE", description: "only this person" },
    ...INVITE_OPTIONS,
    ...WORKSPACE_OPTIONS,
  },
  run({ values, io }) {
    const hours = inviteHours(values["expires-in-hours"]);
    return asAdmin(values, io.env, ({ ctx, admin }) => {
      const isPlaceholder = (u: { kind: string; passwordHash: string | null; status: string }) =>
        u.kind === "human" && u.passwordHash === null && u.status === "active";
      let targets = listUsers(ctx).filter(isPlaceholder);
      if (values.user !== undefined) {
        const user = findByReference(ctx, values.user);
        if (user === undefined || !isPlaceholder(user)) {
          throw new CliError(`--user: ${values.user} is not an active placeholder account`);
        }
        targets = [user];
      }
      const links = targets.map((user) => ({
        userId: user.id,
        handle: user.handle,
        displayName: user.displayName,
        email: user.email,
        inviteUrl: inviteLink(values.url, io.env, createClaimInvite(ctx, admin, user, hours).token),
      }));
      return {
        data: links,
        text: table(
          ["handle", "name", "email", "invite"],
          links.map((l) => [`@${l.handle}`, l.displayName, l.email ?? "-", l.inviteUrl]),
        ),
      };
    });
  },
});
