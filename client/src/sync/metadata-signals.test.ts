import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import type { MetadataChanged } from "@openvibe/schema";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { MetadataSignals } from "./metadata-signals.ts";

/** A socket that never connects, one channel's provider on it, and what the signals said. */
function page() {
  const socket = new HocuspocusProviderWebsocket({ url: "ws://127.0.0.1:9", autoConnect: false });
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name: "channel:a",
    document: new Y.Doc(),
  });
  const heard: MetadataChanged[] = [];
  new MetadataSignals(socket, (change) => heard.push(change)).watch(provider);
  return { socket, provider, heard };
}

const everything = {
  type: "metadata-changed",
  lists: ["workspace", "channels", "people", "members", "context-items"],
};

describe("MetadataSignals", () => {
  it("passes on the server's metadata messages, and nothing else it says", () => {
    const { provider, heard } = page();
    provider.receiveStateless(JSON.stringify({ type: "metadata-changed", lists: ["people"] }));
    provider.receiveStateless(JSON.stringify({ type: "something-else" }));
    provider.receiveStateless("not json");
    expect(heard).toEqual([{ type: "metadata-changed", lists: ["people"] }]);
  });

  it("asks for everything once a channel has synced after the start and after each absence", () => {
    const { socket, provider, heard } = page();
    provider.synced = true;
    expect(heard).toEqual([everything]);
    provider.synced = false;
    provider.synced = true;
    expect(heard).toHaveLength(1);

    socket.onClose({ event: new CloseEvent("close") });
    provider.synced = false;
    provider.synced = true;
    expect(heard).toEqual([everything, everything]);
  });
});
