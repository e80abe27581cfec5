// Edit history under the write guard, over a real socket: an author's edits keep each earlier
// text and another member sees them; forged versions (in someone else's name, for someone
// else's message, rewriting or removing a kept one, for a message never edited) close the
// forger's connection with `write-refused`, and nothing of theirs reaches other peers. Removing a
// message's link preview is its author's alone.
import {
  type Actor,
  CLOSE_CODES,
  editMessage,
  getMessage,
  messageVersionsOf,
  postMessage,
  removeLinkPreview,
  threadDocumentName,
} from "@openvibe/schema";
import { describe, expect, it } from "vitest";
import type * as Y from "yjs";
import { channelReplica } from "./support/channel-replica.ts";
import { withDeadline } from "./support/deadline.ts";
import { connectPeer, type OpenChannel } from "./support/peers.ts";
import { webSocketToken } from "./support/socket-credentials.ts";
import { startTestServer } from "./support/test-server.ts";
import { seedWorkspace } from "./support/workspace-fixture.ts";

describe("edit history under the write guard", () => {
  it("keeps the author's earlier texts and refuses forged ones", async () => {
    const server = await startTestServer();
    const seed = await seedWorkspace(server.current);
    const member: Actor = { kind: "human", id: seed.member.user.id };
    const admin: Actor = { kind: "human", id: seed.admin.user.id };
    const channelId = seed.general.id;
    const authorPeer = connectPeer(server.current.websocketUrl, {
      token: await webSocketToken(seed.member.client),
    });
    // The thread's document (the channel is split) holds its messages and their versions.
    const started = await channelReplica(authorPeer, channelId).createThread(member, {
      title: "lunch",
      body: "at 12",
    });
    const { threadId, messageId, thread: author } = started;
    const open = (client: typeof seed.member.client) => async () =>
      connectPeer(server.current.websocketUrl, {
        token: await webSocketToken(client),
      }).openDocument(threadDocumentName(channelId, threadId));
    const memberChannel = open(seed.member.client);
    const adminChannel = open(seed.admin.client);

    editMessage(author.doc, member, { messageId, body: "at 1" });
    await author.acknowledged();
    const reader = await adminChannel();
    await reader.until(
      "the edit to arrive",
      () => messageVersionsOf(reader.doc, messageId).length === 1,
    );
    const [kept] = messageVersionsOf(reader.doc, messageId);
    expect(kept).toMatchObject({ body: "at 12", by: member });
    if (kept === undefined) throw new Error("no earlier version");

    const version = (fields: Record<string, unknown> = {}) => ({
      messageId,
      body: "I never said that",
      by: member,
      writtenAt: getMessage(reader.doc, messageId)?.createdAt,
      replacedAt: getMessage(reader.doc, messageId)?.editedAt,
      ...fields,
    });
    const expectRefused = async (
      name: string,
      openChannel: () => Promise<OpenChannel>,
      forge: (doc: Y.Doc) => void,
    ) => {
      const forger = await openChannel();
      const closed = withDeadline(forger.closed, `${name}: the forger's connection to close`);
      forge(forger.doc);
      expect((await closed).reason, name).toBe(CLOSE_CODES.writeRefused.reason);
    };
    const versions = (doc: Y.Doc) => doc.getMap("messageVersions");
    await expectRefused(
      "another member writes a version of the author's message",
      adminChannel,
      (doc) => versions(doc).set("forged-1", version({ by: admin })),
    );
    await expectRefused("another member writes one in the author's name", adminChannel, (doc) =>
      versions(doc).set("forged-2", version()),
    );
    await expectRefused("the author rewrites a kept version", memberChannel, (doc) =>
      versions(doc).set(
        kept.id,
        version({ writtenAt: kept.writtenAt, replacedAt: kept.replacedAt }),
      ),
    );
    await expectRefused("the author removes a version of a live message", memberChannel, (doc) =>
      versions(doc).delete(kept.id),
    );
    const unedited = postMessage(author.doc, member, { threadId, body: "never edited" });
    await author.acknowledged();
    await expectRefused(
      "the author writes a version of a message never edited",
      memberChannel,
      (doc) => versions(doc).set("forged-3", version({ messageId: unedited })),
    );

    // Removing a link preview is the author's alone.
    await expectRefused("another member removes the author's link preview", adminChannel, (doc) =>
      (doc.getMap("messages").get(messageId) as Y.Map<unknown>).set("previewRemoved", true),
    );
    removeLinkPreview(author.doc, member, { messageId });
    await author.acknowledged();
    await reader.until(
      "the preview's removal",
      () => getMessage(reader.doc, messageId)?.previewRemoved === true,
    );

    editMessage(author.doc, member, { messageId, body: "at 2" });
    await author.acknowledged();
    await reader.until(
      "the second edit",
      () => messageVersionsOf(reader.doc, messageId).length === 2,
    );
    expect(messageVersionsOf(reader.doc, messageId).map((v) => v.body)).toEqual(["at 12", "at 1"]);
  });
});
