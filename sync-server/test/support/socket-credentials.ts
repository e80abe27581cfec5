// Credentials for document connections in tests: a short-lived WebSocket
// token minted over HTTP for a signed-in client, as the browser gets it.
import type { ApiClient } from "./api-client.ts";

export async function webSocketToken(client: ApiClient): Promise<string> {
  const response = await client.post<{ token: string }>("/api/auth/ws-token");
  if (response.status !== 200) {
    throw new Error(`ws-token answered ${response.status}: ${JSON.stringify(response.body)}`);
  }
  return response.body.token;
}
