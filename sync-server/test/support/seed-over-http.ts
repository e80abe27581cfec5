// Sets a fresh server's workspace up over HTTP, as a first user would: setup,
// then channels and an API key created by the admin through the JSON API.
import type { ChannelView, CreatedApiKey, SessionView } from "@openvibe/schema";
import { ApiClient, type ApiResponse } from "./api-client.ts";

export interface SeededOverHttp {
  /** An API key of the workspace's admin, who may write in every channel. */
  apiKey: string;
  /** The admin's user id: the actor the key may write as. */
  adminId: string;
  /** Channel ids by name. */
  channels: Record<string, string>;
}

function expectStatus<T>(response: ApiResponse<T>, status: number, what: string): T {
  if (response.status !== status) {
    throw new Error(`${what} answered ${response.status}: ${JSON.stringify(response.body)}`);
  }
  return response.body;
}

export async function seedOverHttp(
  baseUrl: string,
  channelNames: string[],
): Promise<SeededOverHttp> {
  const admin = new ApiClient(baseUrl);
  const setup = await admin.post<SessionView>("/api/setup", {
    workspaceName: "Durability",
    email: "admin@example.com",
    displayName: "admin",
    password: "correct horse battery staple",
  });
  const { user } = expectStatus(setup, 201, "setup");
  const channels: Record<string, string> = {};
  for (const name of channelNames) {
    const created = await admin.post<ChannelView>("/api/channels", {
      name,
      topic: "",
      visibility: "public",
    });
    channels[name] = expectStatus(created, 201, `creating #${name}`).id;
  }
  const key = await admin.post<CreatedApiKey>("/api/api-keys", { name: "durability test" });
  return { apiKey: expectStatus(key, 201, "creating an API key").key, adminId: user.id, channels };
}
