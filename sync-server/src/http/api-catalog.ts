// Every route of the JSON API in one list. The OpenAPI document and the
// README's route table are both rendered from it, and a test checks it
// against the routes the app actually mounts, so none of them can drift.
import {
  acceptInviteRequest,
  agentUsageQuery,
  auditQuery,
  changePasswordRequest,
  claimInviteRequest,
  claimTaskRequest,
  contextItemsQuery,
  createAgentRequest,
  createApiKeyRequest,
  createChannelRequest,
  createContextItemRequest,
  createInviteRequest,
  createUploadRequest,
  deletePushSubscriptionRequest,
  exportQuery,
  finishTaskRequest,
  heartbeatRequest,
  invitePreviewQuery,
  linkPreviewQuery,
  loginRequest,
  mentionsQuery,
  mergeContextItemsRequest,
  openDirectMessageRequest,
  promptRecordRequest,
  pushSubscriptionRequest,
  putAgentToolsRequest,
  putModelPriceRequest,
  putReadPositionsRequest,
  rememberRequest,
  replyStartedRequest,
  searchQuery,
  setupRequest,
  taskSearchQuery,
  taskThreadQuery,
  threadsQuery,
  updateAgentConfigRequest,
  updateChannelRequest,
  updateContextItemRequest,
  updateProfileRequest,
  updateSettingsRequest,
  updateUserRequest,
  usageRequest,
} from "@openvibe/schema";
import type { z } from "zod";

/** Who may call a route at all; finer rules (channel membership, key ownership) go in `who`. */
export type Access = "public" | "signed-in" | "session" | "admin" | "bridge";
export type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

export interface ApiRoute {
  method: Method;
  /** Below /api, in Hono's syntax: /channels/:id */
  path: string;
  access: Access;
  status: 200 | 201 | 204;
  summary: string;
  /** Who may call it, when narrower than `access` says. */
  who?: string;
  body?: z.ZodType;
  query?: z.ZodType;
  /** Error statuses beyond those that access, body, query and path ids imply. */
  errors?: number[];
}

type Extra = Pick<ApiRoute, "who" | "body" | "query" | "errors">;

function route(
  endpoint: `${Method} /${string}`,
  access: Access,
  status: ApiRoute["status"],
  summary: string,
  extra: Extra = {},
): ApiRoute {
  const [method, path] = endpoint.split(" ") as [Method, string];
  return { method, path, access, status, summary, ...extra };
}

const seesChannel = "whoever can see the channel (others get 404)";
const channelMember = "admins; members of the channel";
const channelOwner = "admins; the channel's creator";
const ownKeys = "admins for anyone; members for themselves";

export const API_ROUTES: readonly ApiRoute[] = [
  route("GET /setup", "public", 200, "Whether the server is set up"),
  route("POST /setup", "public", 201, "First run: create the workspace and its admin, signed in", {
    body: setupRequest,
    errors: [409],
  }),
  route("POST /auth/login", "public", 200, "Sign in with email and password", {
    body: loginRequest,
    errors: [401, 429],
  }),
  route("POST /auth/logout", "session", 204, "Sign this browser out"),
  route("POST /auth/logout-all", "signed-in", 204, "End every session of the caller"),
  route("GET /auth/session", "session", 200, "The current session and its CSRF token"),
  route("POST /auth/ws-token", "session", 200, "A short-lived token that opens the WebSocket"),

  route("GET /me", "signed-in", 200, "The caller's profile"),
  route("PATCH /me", "signed-in", 200, "Change the caller's name or colour", {
    body: updateProfileRequest,
  }),
  route("POST /me/password", "signed-in", 204, "Change the password; ends the other sessions", {
    who: "people with a password",
    body: changePasswordRequest,
    errors: [401, 403, 409, 429],
  }),
  route("GET /me/read-positions", "signed-in", 200, "The caller's read positions", {
    who: "anyone signed in; only channels they can read",
  }),
  route(
    "PUT /me/read-positions",
    "signed-in",
    200,
    "Move read positions forward (later stamp wins)",
    {
      who: "anyone signed in; positions in channels they cannot read are ignored",
      body: putReadPositionsRequest,
    },
  ),

  route("GET /users", "signed-in", 200, "Everyone in the workspace; emails for admins only"),
  route("GET /users/:id", "signed-in", 200, "One person or agent"),
  route("PATCH /users/:id", "admin", 200, "Change a role", {
    body: updateUserRequest,
    errors: [409],
  }),
  route("POST /users/:id/deactivate", "admin", 200, "Deactivate; ends sessions and keys at once", {
    errors: [409],
  }),
  route("POST /users/:id/reactivate", "admin", 200, "Reactivate a deactivated account"),

  route(
    "POST /users/:id/claim-invite",
    "admin",
    201,
    "A single-use invite link with which a person claims their imported placeholder account",
    { body: claimInviteRequest, errors: [409, 421] },
  ),
  route("POST /invites", "admin", 201, "Create an invite link", {
    body: createInviteRequest,
    errors: [421],
  }),
  route("GET /invites", "admin", 200, "Every invite, newest first"),
  route("DELETE /invites/:id", "admin", 204, "Revoke an invite"),
  route("GET /invites/preview", "public", 200, "What an invite link offers", {
    query: invitePreviewQuery,
    errors: [410],
  }),
  route("POST /invites/accept", "public", 201, "Accept an invite: create the account, signed in", {
    body: acceptInviteRequest,
    errors: [409, 410],
  }),

  route("GET /channels", "signed-in", 200, "The channels the caller can see"),
  route("POST /channels", "signed-in", 201, "Create a channel; the creator joins it", {
    who: "admins and members (agents too); not guests",
    body: createChannelRequest,
    errors: [403, 409],
  }),
  route(
    "POST /direct-messages",
    "signed-in",
    200,
    "Open the direct message between the caller and these people (201 when it starts)",
    {
      who: "admins and members (agents too), with active non-guests; only they ever see it",
      body: openDirectMessageRequest,
      errors: [403],
    },
  ),
  route("GET /channels/:id", "signed-in", 200, "One channel", { who: seesChannel }),
  route("PATCH /channels/:id", "signed-in", 200, "Rename a channel or set its topic", {
    who: channelMember,
    body: updateChannelRequest,
    errors: [403, 409],
  }),
  route("POST /channels/:id/archive", "signed-in", 200, "Archive: read-only for everyone", {
    who: channelOwner,
    errors: [403],
  }),
  route("POST /channels/:id/unarchive", "signed-in", 200, "Make an archived channel writable", {
    who: channelOwner,
    errors: [403],
  }),
  route("POST /channels/:id/join", "signed-in", 200, "Join a public channel", {
    who: "admins and members",
    errors: [403],
  }),
  route("POST /channels/:id/leave", "signed-in", 204, "Leave a channel", { who: "its members" }),
  route("GET /channels/:id/members", "signed-in", 200, "A channel's members", {
    who: seesChannel,
  }),
  route("PUT /channels/:id/members/:userId", "signed-in", 204, "Add a member", {
    who: `${channelMember} (guests: admins only)`,
    errors: [403],
  }),
  route("DELETE /channels/:id/members/:userId", "signed-in", 204, "Remove a member", {
    who: channelOwner,
    errors: [403],
  }),

  route("POST /agents", "admin", 201, "Create an agent identity", {
    body: createAgentRequest,
    errors: [409],
  }),
  route("GET /agents", "signed-in", 200, "Every agent"),
  route(
    "GET /agents/:id/config",
    "admin",
    200,
    "An agent's provider, model, prompt, limits and budget (whether an API key is set, never the key)",
  ),
  route("PATCH /agents/:id/config", "admin", 200, "Change an agent's configuration", {
    body: updateAgentConfigRequest,
  }),
  route(
    "GET /agents/:id/tools",
    "admin",
    200,
    "An agent's MCP servers, tool policies and limits (whether a header value is set, never the value)",
  ),
  route("PUT /agents/:id/tools", "admin", 200, "Replace an agent's MCP servers and tool limits", {
    body: putAgentToolsRequest,
  }),
  route(
    "GET /agents/usage",
    "admin",
    200,
    "Tokens and their cost per agent, channel, day, provider and model; totals; month to date",
    {
      query: agentUsageQuery,
    },
  ),
  route("GET /agents/prices", "admin", 200, "The price table: per provider and model"),
  route(
    "PUT /agents/prices",
    "admin",
    200,
    "Set the price of a provider's model (per million input and output tokens, a currency)",
    { body: putModelPriceRequest },
  ),
  route("DELETE /agents/prices/:id", "admin", 204, "Remove a price"),
  route("POST /tasks/:id/retry", "signed-in", 200, "Retry a failed or cancelled agent task", {
    who: "whoever may write in the task's channel (others who cannot open it get 404)",
    errors: [403, 409],
  }),
  route(
    "GET /tasks/:id/prompt",
    "signed-in",
    200,
    "What the agent saw: each claim's prompt (messages as sent, pinned, related hits, model)",
    { who: "whoever can read the task's channel (others get 404)" },
  ),

  route(
    "GET /channels/:id/context-items",
    "signed-in",
    200,
    "Context items seen from a channel: its threads', its own and the workspace's, newest first",
    {
      who: "whoever can read the channel (others get 404); workspace items not for guests",
      query: contextItemsQuery,
    },
  ),
  route(
    "GET /channels/:id/threads",
    "signed-in",
    200,
    "A split channel's threads by last activity, newest first, each with its digest; paged",
    { who: "whoever can read the channel (others get 404)", query: threadsQuery },
  ),
  route(
    "POST /channels/:id/context-items",
    "signed-in",
    201,
    "Remember this: a context item from one of the channel's messages",
    {
      who: "whoever may write in the channel; workspace scope from public channels only",
      body: createContextItemRequest,
      errors: [403],
    },
  ),
  route("POST /context-items/merge", "signed-in", 201, "Merge two or more items into one", {
    who: "the items' author or an admin, for items of one channel (or the workspace)",
    body: mergeContextItemsRequest,
    errors: [403, 404, 409],
  }),
  route("PATCH /context-items/:id", "signed-in", 200, "Change an item's kind or text", {
    who: "the item's author or an admin (readers of its scope get 403, others 404)",
    body: updateContextItemRequest,
    errors: [403, 404],
  }),
  route("DELETE /context-items/:id", "signed-in", 204, "Delete a context item", {
    who: "the item's author or an admin (readers of its scope get 403, others 404)",
    errors: [403, 404],
  }),

  route("POST /api-keys", "signed-in", 201, "Create an API key, shown once", {
    who: ownKeys,
    body: createApiKeyRequest,
    errors: [403, 404],
  }),
  route("GET /api-keys", "signed-in", 200, "API keys: all for admins, their own for members", {
    who: ownKeys,
    errors: [403],
  }),
  route("DELETE /api-keys/:id", "signed-in", 204, "Revoke an API key", {
    who: ownKeys,
    errors: [403],
  }),

  route("GET /workspace", "signed-in", 200, "The workspace's name and settings"),
  route("PATCH /workspace", "admin", 200, "Change the name or settings", {
    body: updateSettingsRequest,
  }),
  route("GET /audit", "admin", 200, "Audit log, newest first, paged by cursor", {
    query: auditQuery,
  }),
  route(
    "GET /export",
    "admin",
    200,
    "Download the workspace, or one channel, as JSON (for ovb import) or Markdown",
    { query: exportQuery, errors: [404] },
  ),
  route("GET /search", "signed-in", 200, "Search messages of the channels the caller can read", {
    who: "anyone signed in while the workspace's settings leave search on (else 403 feature_disabled); only channels they can read (admins: all; others: their channels)",
    query: searchQuery,
    errors: [403],
  }),
  route(
    "GET /link-previews",
    "signed-in",
    200,
    "Title, description and image of a linked page, fetched by the server (SSRF-guarded, cached)",
    {
      who: "anyone signed in while the workspace's settings leave link previews on (else 403 feature_disabled); 429 past 30 new links at once (one a second after)",
      query: linkPreviewQuery,
      errors: [403, 429],
    },
  ),
  route(
    "GET /link-previews/image",
    "signed-in",
    200,
    "The image of a page already previewed, from the server's cache (never fetched here)",
    {
      who: "anyone signed in while the workspace's settings leave link previews on (else 403 feature_disabled)",
      query: linkPreviewQuery,
      errors: [403, 404],
    },
  ),
  route(
    "GET /mentions",
    "signed-in",
    200,
    "The caller's mentions inbox: messages by others naming their handle, newest first",
    {
      who: "anyone signed in; only channels they can read now (admins: all; others: their channels)",
      query: mentionsQuery,
    },
  ),
  route("GET /push/key", "session", 200, "The server's VAPID public key, for web push"),
  route(
    "POST /push/subscriptions",
    "session",
    204,
    "Save a browser's push subscription for the caller (it moves to the caller if known)",
    { body: pushSubscriptionRequest },
  ),
  route("DELETE /push/subscriptions", "session", 204, "Forget one of the caller's subscriptions", {
    who: "anyone signed in with a session; another's endpoint is left alone",
    body: deletePushSubscriptionRequest,
  }),
  route(
    "POST /channels/:id/uploads",
    "signed-in",
    201,
    "Start (or, 200, resume) uploading a file attached to a message; the size is checked here",
    {
      who: "members who may post in the channel",
      body: createUploadRequest,
      errors: [409, 413],
    },
  ),
  route(
    "GET /uploads/:id",
    "signed-in",
    200,
    "An upload's state; Upload-Offset says where to resume (HEAD works too)",
    { who: "its uploader" },
  ),
  route(
    "PATCH /uploads/:id",
    "signed-in",
    200,
    "Append a chunk (application/offset+octet-stream, at most 8 MiB) at Upload-Offset; the last one checks and stores the file",
    { who: "its uploader", errors: [409, 413, 415, 422, 507] },
  ),
  route(
    "GET /files/:id",
    "signed-in",
    200,
    "A file's bytes (images inline, anything else as a download)",
    {
      who: "anyone who may read its channel, while a live message by its uploader names it",
      errors: [409],
    },
  ),
  route(
    "GET /files/:id/thumbnail",
    "signed-in",
    200,
    "An image's thumbnail, or a PDF's first page (WebP, metadata stripped)",
    {
      who: "as GET /files/:id",
      errors: [409],
    },
  ),
  route(
    "GET /bridge/tasks/:id/files/:fileId",
    "bridge",
    200,
    "A file of the task's channel, read as the task's agent (for its prompt)",
    { who: "the bridge holding the task's lease", errors: [409] },
  ),
  route("GET /openapi.json", "public", 200, "This API as an OpenAPI 3.1 document"),

  route(
    "POST /bridge/claim",
    "bridge",
    200,
    "Claim the next agent task (long poll; 204: none came)",
    {
      body: claimTaskRequest,
    },
  ),
  route(
    "POST /bridge/tasks/:id/heartbeat",
    "bridge",
    200,
    "Renew the lease on a claimed task, even one that ran out while no other claim took it",
    {
      who: "the bridge key of the task's latest claim (attempt)",
      body: heartbeatRequest,
      errors: [409],
    },
  ),
  route(
    "POST /bridge/tasks/:id/reply",
    "bridge",
    204,
    "Record the reply message of a claimed task",
    {
      body: replyStartedRequest,
      errors: [409],
    },
  ),
  route(
    "POST /bridge/tasks/:id/prompt",
    "bridge",
    204,
    "Record what went into the prompt of a claimed task's reply (once per claim)",
    {
      who: "the bridge key of the task's latest claim (attempt), after recording its reply",
      body: promptRecordRequest,
      errors: [409],
    },
  ),
  route(
    "GET /bridge/tasks/:id/context-items",
    "bridge",
    200,
    "The context items in a held task's scope, read as its agent, newest first",
    { who: "the bridge key holding the task's lease", errors: [404, 409] },
  ),
  route(
    "POST /bridge/tasks/:id/context-items",
    "bridge",
    201,
    "The agent's remember tool: a context item of the task's thread, channel or workspace",
    {
      who: "the bridge key of the task's latest claim (attempt); workspace scope from public channels only",
      body: rememberRequest,
      errors: [404, 409],
    },
  ),
  route(
    "POST /bridge/tasks/:id/finish",
    "bridge",
    200,
    "Finish a claimed task: status, model, usage",
    {
      body: finishTaskRequest,
      errors: [409],
    },
  ),
  route(
    "POST /bridge/tasks/:id/usage",
    "bridge",
    204,
    "Record the tokens of a claim that another bridge took over (once per claim)",
    {
      who: "the bridge key that made that claim (attempt)",
      body: usageRequest,
    },
  ),
  route(
    "GET /bridge/tasks/:id/search",
    "bridge",
    200,
    "Messages related to a claimed task, for its agent's context",
    {
      who: "the bridge holding the task's lease; searches as the task's agent",
      query: taskSearchQuery,
      errors: [409],
    },
  ),
  route(
    "GET /bridge/tasks/:id/thread",
    "bridge",
    200,
    "Another thread (or fork) for a claimed task's agent to read, by its link (read_thread)",
    {
      who: "the bridge holding the task's lease; reads as the task's agent, only the task's channel or public channels",
      query: taskThreadQuery,
      errors: [404, 409],
    },
  ),
];
