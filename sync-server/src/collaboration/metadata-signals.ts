// Hocuspocus extension that tells open pages when workspace metadata they
// show changed (a channel created, renamed, archived, joined; a member added or
// removed; a person joined or renamed; settings), so they fetch those lists
// again over HTTP instead of waiting for a reload. Changes come from the
// access-change events, so one made by `ovb` in another process arrives
// through the journal poller like a revocation does.
//
// A page has no document of its own, only its channels' connections over one
// socket; each socket is told once, as a stateless message on one of its
// connections, and only what metadata-notice.ts lets its person see. A page
// with no channel open hears nothing; it fetches everything again when its
// socket comes back (client/src/sync/metadata-signals.ts).
import type { Extension, Hocuspocus, onConfigurePayload } from "@hocuspocus/server";
import { getUser } from "../accounts/users.ts";
import { channelFacts, getChannel, isMember } from "../channels/channels.ts";
import type { AppContext } from "../context.ts";
import type { Logger } from "../logger.ts";
import type { AccessChange } from "../permissions/access-changes.ts";
import { authenticatedContext } from "./connection-context.ts";
import { type ChannelStanding, metadataNoticeFor } from "./metadata-notice.ts";

export class MetadataSignals implements Extension {
  readonly extensionName = "openvibe-metadata-signals";
  private readonly ctx: AppContext;
  private readonly logger: Logger;
  private instance: Hocuspocus | null = null;
  private readonly unsubscribe: () => void;

  constructor(ctx: AppContext, logger: Logger) {
    this.ctx = ctx;
    this.logger = logger;
    this.unsubscribe = ctx.accessChanges.subscribe((change) => this.tellSafely(change));
  }

  /** Stops listening to access changes. */
  dispose(): void {
    this.unsubscribe();
  }

  async onConfigure({ instance }: onConfigurePayload): Promise<void> {
    this.instance = instance;
  }

  /** Runs inside the emitting service's call, after its commit: a failure must not fail it. */
  private tellSafely(change: AccessChange): void {
    try {
      this.tell(change);
    } catch (error) {
      this.logger.error({ err: error, change }, "telling pages of a metadata change failed");
    }
  }

  private tell(change: AccessChange): void {
    const payloads = new Map<string, string | null>();
    const told = new Set<string>();
    for (const document of this.instance?.documents.values() ?? []) {
      for (const connection of document.getConnections()) {
        const context = authenticatedContext(connection.context);
        if (context === undefined) continue;
        const userId = context.principal.user.id;
        const socket = `${connection.socketId}\0${userId}`;
        if (told.has(socket)) continue;
        if (!payloads.has(userId)) payloads.set(userId, this.payloadFor(change, userId));
        const payload = payloads.get(userId);
        if (payload === null || payload === undefined) continue;
        connection.sendStateless(payload);
        told.add(socket);
      }
    }
  }

  /** The encoded notice for a person as the database stands now, or null for none. */
  private payloadFor(change: AccessChange, userId: string): string | null {
    const viewer = getUser(this.ctx, userId);
    if (viewer === undefined) return null;
    const notice = metadataNoticeFor(change, viewer, this.standing(change, userId));
    return notice === null ? null : JSON.stringify(notice);
  }

  private standing(change: AccessChange, userId: string): ChannelStanding | null {
    if (!("channelId" in change) || change.channelId === undefined) return null;
    const channel = getChannel(this.ctx, change.channelId);
    if (channel === undefined) return null;
    return { facts: channelFacts(channel), isMember: isMember(this.ctx, channel.id, userId) };
  }
}
