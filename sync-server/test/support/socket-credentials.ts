// Credentials for document connections in tests: a short-lived WebSocket
// token minted over HTTP for a signed-in client, as the browser gets it.
import { ApiClient } from "./api-client.ts";
import { PASSWORD } from "./workspace-fixture.ts";

export async function webSocketToken(client: ApiClient): Promise<string> {
  const response = await client.post<{ token: string }>("/api/auth/ws-token");
  if (response.status !== 200) {
    throw new Error(`ws-token answered ${response.status}: ${JSON.stringify(response.body)}`);
  }
  return response.body.token;
}

/** A token for the seeded person `email`, signed in afresh at `url` (a restarted server). */
export async function webSocketTokenAt(url: string, email: string | null): Promise<string> {
  const client = new ApiClient(url);
  const login = await client.post("/api/auth/login", { email, password: PASSWORD });
  if (login.status !== 200) throw new Error(`login at ${url} answered ${login.status}`);
  return webSocketToken(client);
}
