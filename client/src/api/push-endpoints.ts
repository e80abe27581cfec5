// The web push routes: the server's VAPID key (checked), and this browser's subscription.
import { type PushSubscriptionRequest, pushKeyView } from "@openvibe/schema";
import { apiRequest } from "./http.ts";

export const pushApi = {
  key: async () => pushKeyView.parse(await apiRequest<unknown>("GET", "/push/key")),
  subscribe: (body: PushSubscriptionRequest) =>
    apiRequest<null>("POST", "/push/subscriptions", body),
  unsubscribe: (endpoint: string) =>
    apiRequest<null>("DELETE", "/push/subscriptions", { endpoint }),
};
