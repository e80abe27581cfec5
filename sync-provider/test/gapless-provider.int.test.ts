// A thread started on this device and written in at once, over a real server: the reply made
// while the new thread document's first sync is still under way reaches everyone, instead of
// being refused by the write guard as an update with gaps (which closed the document and set the
// copy aside: the reply, and the agent's answer to it, did not show for seconds or at all).
import {
  HocuspocusProviderWebsocket,
  type onCloseParameters,
  type onUnsyncedChangesParameters,
} from "@hocuspocus/provider";
import {
  type Actor,
  createSplitThread,
  postMessage,
  RECONNECT_OPTIONS,
  threadDocumentName,
  threadView,
} from "@openvibe/schema";
import { describe, expect, it, onTestFinished } from "vitest";
import * as Y from "yjs";
import { connectPeer } from "../../sync-server/test/support/peers.ts";
import { webSocketToken } from "../../sync-server/test/support/socket-credentials.ts";
import { startTestServer } from "../../sync-server/test/support/test-server.ts";
import { seedWorkspace } from "../../sync-server/test/support/workspace-fixture.ts";
import { GaplessProvider } from "../src/gapless-provider.ts";

describe("a thread document's first sync", () => {
  it("delivers a reply written before the server has the new thread", async () => {
    const server = (await startTestServer()).current;
    const seed = await seedWorkspace(server);
    const member: Actor = { kind: "human", id: seed.member.user.id };
    // The thread exists only here, as after "Start thread" in the browser.
    const doc = new Y.Doc();
    const { threadId } = createSplitThread(() => doc, member, { title: "Plan", body: "Kick-off" });
    const documentName = threadDocumentName(seed.general.id, threadId);

    const socket = new HocuspocusProviderWebsocket({
      url: server.websocketUrl,
      ...RECONNECT_OPTIONS,
    });
    const provider = new GaplessProvider({
      websocketProvider: socket,
      name: documentName,
      document: doc,
      token: await webSocketToken(seed.member.client),
    });
    onTestFinished(() => {
      provider.destroy();
      socket.destroy();
    });
    const closed = new Promise<string>((resolve) =>
      provider.on("close", ({ event }: onCloseParameters) => resolve(`closed: ${event.reason}`)),
    );
    const acknowledged = new Promise<string>((resolve) =>
      provider.on("unsyncedChanges", ({ number }: onUnsyncedChangesParameters) => {
        if (number === 0 && provider.isSynced) resolve("acknowledged");
      }),
    );
    // Opened, and the server has not yet asked for what this copy holds: the reply is written.
    provider.on("authenticated", () =>
      postMessage(doc, member, { threadId, body: "@claude what do you think?" }),
    );
    provider.attach();
    expect(await Promise.race([acknowledged, closed])).toBe("acknowledged");

    const admin = connectPeer(server.websocketUrl, {
      token: await webSocketToken(seed.admin.client),
    });
    const seen = await admin.openDocument(documentName);
    const bodies = () => threadView(seen.doc, threadId)?.messages.map((m) => m.body) ?? [];
    await seen.until("the reply on the server", () => bodies().length === 2);
    expect(bodies()).toEqual(["Kick-off", "@claude what do you think?"]);
  });
});
