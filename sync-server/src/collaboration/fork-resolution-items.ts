// Hocuspocus extension that turns every fork resolution into a context item of the fork's thread
// (context-items/fork-items.ts), whoever wrote it: a person online, a sync of offline edits, an
// agent's summary. The author is the resolver, taken from the document only when the connection
// that sent the update may act as them (the write guard refuses other updates; with the guard off
// in benchmarks, nobody is credited).
import { type ForkResolved, observeForkResolutions, type Writer } from "@openvibe/schema";
import type * as Y from "yjs";
import type { AppContext } from "../context.ts";
import { rememberForkResolution } from "../context-items/fork-items.ts";
import type { Logger } from "../logger.ts";
import { ChannelWatcher } from "./channel-watcher.ts";
import { senderOf } from "./connection-context.ts";
import { writerOf } from "./writer-of.ts";

export class ForkResolutionItems extends ChannelWatcher {
  readonly extensionName = "openvibe-fork-resolution-items";

  private readonly options: { ctx: AppContext; logger: Logger };

  constructor(options: { ctx: AppContext; logger: Logger }) {
    super();
    this.options = options;
  }

  protected watch(document: Y.Doc, channelId: string): () => void {
    return observeForkResolutions(document, (resolved, origin) => {
      const sender = senderOf(origin);
      const writer = sender === undefined ? undefined : writerOf(this.options.ctx, sender);
      for (const fork of resolved) {
        // Runs inside Yjs's update handling: a throw here would break applying the peer's update.
        try {
          this.remember(channelId, fork, writer);
        } catch (error) {
          this.options.logger.error(
            { err: error, channelId, forkId: fork.forkId },
            "could not remember a fork's resolution",
          );
        }
      }
    });
  }

  /** `writer`: who sent the update (undefined: the server's own, trusted). */
  private remember(channelId: string, fork: ForkResolved, writer: Writer | undefined): void {
    const resolvedBy = fork.resolution.resolvedBy.id;
    if (writer !== undefined && !writer.actsAs(resolvedBy)) {
      this.options.logger.warn({ channelId, forkId: fork.forkId }, "resolution sent by another");
      return;
    }
    rememberForkResolution(this.options.ctx, {
      channelId,
      threadId: fork.threadId,
      forkId: fork.forkId,
      summaryMessageId: fork.resolution.summaryMessageId,
      text: fork.resolution.text,
      resolvedBy,
    });
  }
}
