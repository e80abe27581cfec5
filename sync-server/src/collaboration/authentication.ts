// Hocuspocus extension that authenticates every document connection: the
// provider's token is a short-lived WebSocket token (people) or an API key
// (agents, scripts). The document is a channel document `channel:<id>` or a
// thread document `thread:<channelId>:<threadId>` (docs/history-split.md),
// authorised exactly as its channel, which comes from the name: whether the
// thread exists is never looked up. The channel must exist and the principal
// must be allowed to open it; "read" access makes the connection read-only,
// and "react" access leaves it writable for the WriteGuard to check. A name
// that does not parse, a missing channel and a forbidden one are refused
// alike, so the socket reveals nothing about private channels or thread ids.
import type {
  Extension,
  Hocuspocus,
  onAuthenticatePayload,
  onConfigurePayload,
} from "@hocuspocus/server";
import { CONNECTION_DENIALS, type ParsedDocumentName, parseDocumentName } from "@openvibe/schema";
import { isApiKey, resolveApiKey } from "../accounts/api-keys.ts";
import type { Principal, UserRecord } from "../accounts/principal.ts";
import { resolveWebSocketToken } from "../accounts/sessions.ts";
import { getUser } from "../accounts/users.ts";
import { resolveBridgeKey } from "../agents/bridge-keys.ts";
import { type ChannelLayout, liveChannelLayout } from "../agents/task-document.ts";
import { heldTaskInChannel } from "../agents/tasks.ts";
import { channelFacts, getChannel, isMember } from "../channels/channels.ts";
import type { AppContext } from "../context.ts";
import { type DocumentAccess, documentAccess } from "../permissions/permissions.ts";
import { getWorkspace, isSetUp } from "../workspace/workspace.ts";
import type { ConnectionContext } from "./connection-context.ts";
import { ConnectionDenied } from "./connection-denied.ts";

/**
 * The principal behind a provider's token, or null for none, unknown, expired or revoked.
 * A bridge key acts as the agent of a task it holds in the document, and only then
 * (`bridgeTaskAgent`).
 */
export async function resolveConnectionToken(
  ctx: AppContext,
  token: string,
  document: ParsedDocumentName | null,
  channelLayout: (channelId: string) => Promise<ChannelLayout>,
): Promise<{ principal: Principal; bridgeKeyId: string | null } | null> {
  if (token === "" || !isSetUp(ctx)) return null;
  if (!isApiKey(token)) {
    const principal = resolveWebSocketToken(ctx, getWorkspace(ctx).secret, token);
    return principal === null ? null : { principal, bridgeKeyId: null };
  }
  const principal = resolveApiKey(ctx, token);
  if (principal !== null) return { principal, bridgeKeyId: null };
  const bridge = resolveBridgeKey(ctx, token);
  if (bridge === null || document === null) return null;
  const agent = await bridgeTaskAgent(ctx, bridge.apiKeyId, document, channelLayout);
  return agent === undefined
    ? null
    : {
        principal: { user: agent, via: { kind: "api-key", apiKeyId: bridge.apiKeyId } },
        bridgeKeyId: bridge.apiKeyId,
      };
}

/**
 * The agent a bridge key writes as in a document: that of a task it holds there, which is the
 * document its claim named (agents/task-document.ts). A thread document: a task in that very
 * thread, so a bridge never opens the channel's other threads. A channel document: a task in the
 * channel while the channel is one document; a split channel's document holds only its thread
 * index, which no task reads, so a bridge key never opens it.
 */
async function bridgeTaskAgent(
  ctx: AppContext,
  bridgeKeyId: string,
  document: ParsedDocumentName,
  channelLayout: (channelId: string) => Promise<ChannelLayout>,
): Promise<UserRecord | undefined> {
  const { channelId } = document;
  const threadId = document.kind === "thread" ? document.threadId : undefined;
  const task = heldTaskInChannel(ctx, bridgeKeyId, channelId, threadId);
  if (task === undefined) return undefined;
  if (document.kind === "channel" && (await channelLayout(channelId)) === "split-channel") {
    return undefined;
  }
  return getUser(ctx, task.agentId);
}

function channelAccess(ctx: AppContext, principal: Principal, channelId: string): DocumentAccess {
  const channel = getChannel(ctx, channelId);
  if (channel === undefined) return "none";
  const member = isMember(ctx, channelId, principal.user.id);
  return documentAccess(principal.user, channelFacts(channel), member);
}

export class Authentication implements Extension {
  readonly extensionName = "openvibe-authentication";
  private readonly ctx: AppContext;
  private instance: Hocuspocus | null = null;

  constructor(ctx: AppContext) {
    this.ctx = ctx;
  }

  async onConfigure({ instance }: onConfigurePayload): Promise<void> {
    this.instance = instance;
  }

  async onAuthenticate(data: onAuthenticatePayload<Partial<ConnectionContext>>): Promise<void> {
    const document = parseDocumentName(data.documentName);
    const channelId = document?.channelId ?? null;
    const resolved = await resolveConnectionToken(this.ctx, data.token, document, (id) =>
      this.instance === null
        ? Promise.resolve("one-document")
        : liveChannelLayout(this.instance, id),
    );
    if (resolved === null) {
      throw new ConnectionDenied(CONNECTION_DENIALS.unauthenticated, "no valid token or API key");
    }
    const { principal, bridgeKeyId } = resolved;
    const access = channelId === null ? "none" : channelAccess(this.ctx, principal, channelId);
    if (channelId === null || access === "none") {
      throw new ConnectionDenied(CONNECTION_DENIALS.forbidden, "no access to this channel");
    }
    if (access === "read") data.connectionConfig.readOnly = true;
    // In place: extensions later in the chain receive this same object.
    Object.assign(data.context, {
      principal,
      channelId,
      access,
      bridgeKeyId,
    } satisfies ConnectionContext);
  }
}
