// ovb import-slack EXPORT.zip: a Slack workspace export into this (set-up) workspace, all or
// nothing; Slack's people become placeholder accounts with invites that claim them.
import { newClaimInvite } from "../../accounts/invites.ts";
import { applyImport } from "../../portability/apply-import.ts";
import { planSlackImport, readZip, type ZipEntries } from "../../portability/slack/slack-import.ts";
import { SqliteDocumentStore } from "../../storage/sqlite-document-store.ts";
import { defineCommand } from "../command.ts";
import { WORKSPACE_OPTIONS } from "../options.ts";
import { table } from "../output.ts";
import { asAdmin, resolveDataDir } from "../workspace.ts";
import {
  DISK_BUDGET_OPTION,
  importFailure,
  parseDiskBudget,
  readInput,
  refuseRunningServer,
} from "./import.ts";
import { INVITE_OPTIONS, inviteHours, inviteLink } from "./invite-placeholders.ts";

export const importSlackCommand = defineCommand({
  name: "import-slack",
  summary: "Import a Slack workspace export (zip) into this workspace",
  synopsis: "EXPORT.zip [--disk-budget BYTES] [--url ORIGIN] [--expires-in-hours N]",
  details:
    "Reads users.json, channels.json, groups.json and each channel's daily files. People " +
    "become placeholder accounts, each with a single-use invite link (printed once) that " +
    "claims the account with its history; a Slack person whose email is already an account " +
    "here (you) is that account. Channels, threads (one per Slack thread, and one per day for " +
    "the rest), replies, edits and reactions come across; files are listed as links. Run it " +
    "after `ovb setup`, with the server stopped. All or nothing: a damaged archive or file, or " +
    "a channel name that exists here and holds conversations, changes nothing.",
  args: [{ name: "EXPORT.zip", description: "the zip file Slack's export gave you" }],
  options: { ...DISK_BUDGET_OPTION, ...INVITE_OPTIONS, ...WORKSPACE_OPTIONS },
  async run({ values, args, io }) {
    const file = args[0] ?? "";
    const dataDir = resolveDataDir(values["data-dir"], io.env);
    const maxBytes = parseDiskBudget(values["disk-budget"]);
    const hours = inviteHours(values["expires-in-hours"]);
    refuseRunningServer(dataDir);
    const bytes = readInput(file);
    let entries: ZipEntries;
    try {
      entries = readZip(bytes);
    } catch (error) {
      importFailure(file, error);
    }
    return asAdmin(values, io.env, async ({ ctx, admin }) => {
      const store = new SqliteDocumentStore(ctx.db, { synchronous: "full" });
      try {
        const { plan, placeholders, skippedMessages } = planSlackImport(
          ctx,
          store,
          entries,
          admin,
          ctx.now(),
        );
        io.stderr.write(
          `import-slack: ${plan.users.length} people, ${plan.channels.length} channels read\n`,
        );
        // The invites go in with the import, in its transaction.
        const invites = placeholders.map((placeholder) => {
          const role = plan.users.find((u) => u.id === placeholder.userId)?.role ?? "member";
          const { token, invite } = newClaimInvite(
            ctx,
            admin.id,
            { id: placeholder.userId, role },
            hours,
          );
          plan.invites?.push(invite);
          return { ...placeholder, inviteUrl: inviteLink(values.url, io.env, token) };
        });
        const report = applyImport(ctx, store, plan, {
          dataDir,
          ...(maxBytes === undefined ? {} : { maxBytes }),
        });
        return {
          data: { ...report, skippedMessages, invites },
          text: [
            `Imported ${report.channels} channels, ${report.threads} threads and ${report.messages} messages; ${report.users} placeholder accounts (${skippedMessages} join/leave or unattributed messages skipped).`,
            "",
            "Send each person their link (shown once; single use):",
            table(
              ["handle", "name", "slack email", "invite"],
              invites.map((i) => [`@${i.handle}`, i.displayName, i.email ?? "-", i.inviteUrl]),
            ),
          ].join("\n"),
        };
      } catch (error) {
        importFailure(file, error);
      } finally {
        await store.close();
      }
    });
  },
});
