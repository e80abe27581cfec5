// One typed function per HTTP API route the client uses.
import type {
  AcceptInviteRequest,
  ChannelView,
  CreateChannelRequest,
  InvitePreview,
  LoginRequest,
  MentionsPage,
  OpenDirectMessageRequest,
  ReadPositionInput,
  ReadPositionView,
  SessionView,
  SetupRequest,
  ThreadsPage,
  UserView,
  WorkspaceView,
} from "@openvibe/schema";
import { apiRequest, setCsrfToken } from "./http.ts";

async function withSession(request: Promise<SessionView>): Promise<SessionView> {
  const session = await request;
  setCsrfToken(session.csrfToken);
  return session;
}

export const api = {
  setupState: () => apiRequest<{ setUp: boolean }>("GET", "/setup"),
  setup: (body: SetupRequest) => withSession(apiRequest("POST", "/setup", body)),
  login: (body: LoginRequest) => withSession(apiRequest("POST", "/auth/login", body)),
  session: () => withSession(apiRequest("GET", "/auth/session")),
  logout: async () => {
    await apiRequest<null>("POST", "/auth/logout");
    setCsrfToken(null);
  },
  webSocketToken: () => apiRequest<{ token: string; expiresAt: string }>("POST", "/auth/ws-token"),
  invitePreview: (token: string) =>
    apiRequest<InvitePreview>("GET", `/invites/preview?token=${encodeURIComponent(token)}`),
  acceptInvite: (body: AcceptInviteRequest) =>
    withSession(apiRequest("POST", "/invites/accept", body)),
  workspace: () => apiRequest<WorkspaceView>("GET", "/workspace"),
  users: () => apiRequest<UserView[]>("GET", "/users"),
  agents: () => apiRequest<UserView[]>("GET", "/agents"),
  channels: () => apiRequest<ChannelView[]>("GET", "/channels"),
  mentions: (limit: number) => apiRequest<MentionsPage>("GET", `/mentions?limit=${limit}`),
  /** A split channel's threads by last activity, newest first, from `before` (a page's `next`). */
  channelThreads: (channelId: string, before: string | null, limit: number) =>
    apiRequest<ThreadsPage>(
      "GET",
      `/channels/${encodeURIComponent(channelId)}/threads?limit=${limit}${
        before === null ? "" : `&before=${encodeURIComponent(before)}`
      }`,
    ),
  createChannel: (body: CreateChannelRequest) => apiRequest<ChannelView>("POST", "/channels", body),
  openDirectMessage: (body: OpenDirectMessageRequest) =>
    apiRequest<ChannelView>("POST", "/direct-messages", body),
  joinChannel: (id: string) =>
    apiRequest<ChannelView>("POST", `/channels/${encodeURIComponent(id)}/join`),
  leaveChannel: (id: string) =>
    apiRequest<null>("POST", `/channels/${encodeURIComponent(id)}/leave`),
  readPositions: () => apiRequest<ReadPositionView[]>("GET", "/me/read-positions"),
  putReadPositions: (body: readonly ReadPositionInput[]) =>
    apiRequest<ReadPositionView[]>("PUT", "/me/read-positions", body),
};
