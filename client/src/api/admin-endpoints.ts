// Typed functions for the management routes: people, invites, channel
// membership, agents, their usage and prices, API keys, workspace settings
// and the audit log.
import type {
  AgentConfig,
  AgentToolsView,
  AgentUsageReport,
  ApiKeyView,
  AuditPage,
  ChannelView,
  CreateAgentRequest,
  CreateApiKeyRequest,
  CreatedApiKey,
  CreatedInvite,
  CreateInviteRequest,
  InviteView,
  ModelPriceView,
  PutAgentToolsRequest,
  PutModelPriceRequest,
  Role,
  UpdateAgentConfigRequest,
  UpdateChannelRequest,
  UpdateSettingsRequest,
  UserView,
  WorkspaceView,
} from "@openvibe/schema";
import { apiRequest } from "./http.ts";

const segment = encodeURIComponent;

export const peopleApi = {
  setRole: (id: string, role: Role) =>
    apiRequest<UserView>("PATCH", `/users/${segment(id)}`, { role }),
  deactivate: (id: string) => apiRequest<UserView>("POST", `/users/${segment(id)}/deactivate`),
  reactivate: (id: string) => apiRequest<UserView>("POST", `/users/${segment(id)}/reactivate`),
  /** A single-use link with which the person claims an imported (placeholder) account. */
  claimInvite: (id: string) =>
    apiRequest<CreatedInvite>("POST", `/users/${segment(id)}/claim-invite`, {}),
  invites: () => apiRequest<InviteView[]>("GET", "/invites"),
  createInvite: (body: CreateInviteRequest) => apiRequest<CreatedInvite>("POST", "/invites", body),
  revokeInvite: (id: string) => apiRequest<null>("DELETE", `/invites/${segment(id)}`),
};

export const channelApi = {
  update: (id: string, body: UpdateChannelRequest) =>
    apiRequest<ChannelView>("PATCH", `/channels/${segment(id)}`, body),
  setArchived: (id: string, archived: boolean) =>
    apiRequest<ChannelView>(
      "POST",
      `/channels/${segment(id)}/${archived ? "archive" : "unarchive"}`,
    ),
  members: (id: string) => apiRequest<UserView[]>("GET", `/channels/${segment(id)}/members`),
  addMember: (id: string, userId: string) =>
    apiRequest<null>("PUT", `/channels/${segment(id)}/members/${segment(userId)}`),
  removeMember: (id: string, userId: string) =>
    apiRequest<null>("DELETE", `/channels/${segment(id)}/members/${segment(userId)}`),
};

export const agentApi = {
  create: (body: CreateAgentRequest) => apiRequest<UserView>("POST", "/agents", body),
  apiKeys: () => apiRequest<ApiKeyView[]>("GET", "/api-keys"),
  createApiKey: (body: CreateApiKeyRequest) => apiRequest<CreatedApiKey>("POST", "/api-keys", body),
  revokeApiKey: (id: string) => apiRequest<null>("DELETE", `/api-keys/${segment(id)}`),
  config: (id: string) => apiRequest<AgentConfig>("GET", `/agents/${segment(id)}/config`),
  updateConfig: (id: string, body: UpdateAgentConfigRequest) =>
    apiRequest<AgentConfig>("PATCH", `/agents/${segment(id)}/config`, body),
  tools: (id: string) => apiRequest<AgentToolsView>("GET", `/agents/${segment(id)}/tools`),
  putTools: (id: string, body: PutAgentToolsRequest) =>
    apiRequest<AgentToolsView>("PUT", `/agents/${segment(id)}/tools`, body),
};

export const usageApi = {
  report: (days: number) => apiRequest<AgentUsageReport>("GET", `/agents/usage?days=${days}`),
  prices: () => apiRequest<ModelPriceView[]>("GET", "/agents/prices"),
  putPrice: (body: PutModelPriceRequest) =>
    apiRequest<ModelPriceView>("PUT", "/agents/prices", body),
  removePrice: (id: string) => apiRequest<null>("DELETE", `/agents/prices/${segment(id)}`),
};

export const workspaceApi = {
  update: (body: UpdateSettingsRequest) => apiRequest<WorkspaceView>("PATCH", "/workspace", body),
  audit: (before: number | null) =>
    apiRequest<AuditPage>("GET", before === null ? "/audit" : `/audit?before=${before}`),
};
