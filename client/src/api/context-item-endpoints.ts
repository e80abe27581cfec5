// Context item routes (the shared memory): a channel's list, "Remember this", edit, merge, delete.
import type {
  ContextItemList,
  ContextItemView,
  CreateContextItemRequest,
  MergeContextItemsRequest,
  UpdateContextItemRequest,
} from "@openvibe/schema";
import { apiRequest } from "./http.ts";

const item = (id: string) => `/context-items/${encodeURIComponent(id)}`;
const ofChannel = (channelId: string) => `/channels/${encodeURIComponent(channelId)}/context-items`;

export const contextItemApi = {
  /** The items seen from a channel, newest first; `q`: every word must be in the text. */
  list: (channelId: string, q = "") =>
    apiRequest<ContextItemList>(
      "GET",
      q.trim() === "" ? ofChannel(channelId) : `${ofChannel(channelId)}?q=${encodeURIComponent(q)}`,
    ),
  remember: (channelId: string, body: CreateContextItemRequest) =>
    apiRequest<ContextItemView>("POST", ofChannel(channelId), body),
  update: (id: string, body: UpdateContextItemRequest) =>
    apiRequest<ContextItemView>("PATCH", item(id), body),
  merge: (body: MergeContextItemsRequest) =>
    apiRequest<ContextItemView>("POST", "/context-items/merge", body),
  remove: (id: string) => apiRequest<null>("DELETE", item(id)),
};
