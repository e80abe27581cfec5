// Replies a bridge finished (or stopped) but could not hand to the server
// before it shut down, because the server was away: kept on disk, one JSON
// file per task, so the next bridge process started with the same directory
// delivers them (its claim permitting) instead of the answer being lost.
// Written whole (temporary file, then rename), readable only by the owner.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ClaimedTask } from "@openvibe/schema";
import type { Ending } from "../tasks/endings.ts";

export interface UndeliveredReply {
  /** The claim (its attempt) that wrote the reply. */
  task: ClaimedTask;
  /** The reply message; null when the claim settled a reply without writing one. */
  messageId: string | null;
  /** The reply's whole text in the bridge's copy of the document. */
  body: string;
  ending: Ending;
  /** Whose model call the ending's tokens are (see `finishRequest`). */
  usageAttempt: number | null;
}

const SUFFIX = ".undelivered.json";

/** A kept reply never calls the model again: the provider's key is not written to disk. */
function withoutSecrets(reply: UndeliveredReply): UndeliveredReply {
  const { provider } = reply.task;
  if (provider.name === "anthropic") return reply;
  return { ...reply, task: { ...reply.task, provider: { ...provider, apiKey: null } } };
}

export class UndeliveredReplies {
  private readonly dir: string;

  constructor(dir: string) {
    this.dir = dir;
  }

  save(reply: UndeliveredReply): void {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const file = this.file(reply.task.id);
    writeFileSync(`${file}.tmp`, JSON.stringify(withoutSecrets(reply)), { mode: 0o600 });
    renameSync(`${file}.tmp`, file);
  }

  /** Every reply kept, oldest claim first; unreadable files are reported, not thrown. */
  list(onUnreadable: (file: string, error: unknown) => void): UndeliveredReply[] {
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch {
      return []; // nothing was ever kept
    }
    const replies: UndeliveredReply[] = [];
    for (const name of names.filter((n) => n.endsWith(SUFFIX)).sort()) {
      const file = join(this.dir, name);
      try {
        replies.push(JSON.parse(readFileSync(file, "utf8")) as UndeliveredReply);
      } catch (error) {
        onUnreadable(file, error);
      }
    }
    return replies;
  }

  remove(taskId: string): void {
    rmSync(this.file(taskId), { force: true });
  }

  private file(taskId: string): string {
    if (!/^[A-Za-z0-9_-]+$/.test(taskId)) throw new Error(`unexpected task id ${taskId}`);
    return join(this.dir, `${taskId}${SUFFIX}`);
  }
}
