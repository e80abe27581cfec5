// Whether the channel's metadata, fetched now, lets this person write there. Offline: unknown,
// so no (what was refused stays kept rather than being posted against stale rights).
import { api } from "../../api/endpoints.ts";
import { OfflineError } from "../../api/http.ts";

export async function mayWriteChannel(channelId: string): Promise<boolean> {
  try {
    const channel = (await api.channels()).find((c) => c.id === channelId);
    return channel?.writable === true && !channel.archived;
  } catch (error) {
    if (error instanceof OfflineError) return false;
    throw error;
  }
}
