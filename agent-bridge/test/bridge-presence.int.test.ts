// When the bridge is in a channel: a mention written offline is answered once
// it reaches the server, and the bridge holds a channel document only while it
// works there, so idle channels are not pinned in the server's memory.
import { channelDocumentName } from "@openvibe/schema";
import { describe, expect, it } from "vitest";
import type { RunningServer } from "../../sync-server/src/server.ts";
import { withDeadline } from "../../sync-server/test/support/deadline.ts";
import { onEvent, waitFor } from "../../sync-server/test/support/wait-for.ts";
import { startAgentWorld } from "./support/agent-world.ts";
import { ask, connectHuman, finishedReplies } from "./support/humans.ts";
import { tasksFor } from "./support/ledger.ts";

/** Resolves once the server no longer holds the document in memory. */
function unloaded(server: RunningServer, documentName: string): Promise<void> {
  const document = server.hocuspocus.documents.get(documentName);
  if (document === undefined) return Promise.resolve();
  return withDeadline(
    new Promise((resolve) => document.once("destroy", () => resolve())),
    `the server to unload ${documentName}`,
  );
}

describe("the bridge's presence in channels", () => {
  it("answers a mention written offline once it syncs", async () => {
    const world = await startAgentWorld();
    const channel = await world.member.open(world.workspace.general.id);
    const { socket } = world.member.peer;
    const offline = waitFor(
      "the socket to close",
      () => socket.status === "disconnected",
      onEvent(socket, "status"),
    );
    socket.disconnect();
    await offline;
    const question = ask(channel.doc, world.member.actor, "@claude written on the train");
    expect(tasksFor(world.server.current, question.messageId)).toHaveLength(0);

    await socket.connect();
    const [reply] = await finishedReplies(channel, question.threadId);
    expect(reply?.task?.status).toBe("completed");
    expect(tasksFor(world.server.current, question.messageId)).toHaveLength(1);
  });

  it("holds a channel document only while it writes there; the author sees the reply on return", async () => {
    const world = await startAgentWorld({
      reply: { kind: "reply", tokens: ["Answer", " while", " you", " were", " away."] },
    });
    const { general } = world.workspace;
    const documentName = channelDocumentName(general.id);
    const server = world.server.current;
    const channel = await world.member.open(general.id);
    const question = ask(channel.doc, world.member.actor, "@claude answer later please");
    await channel.acknowledged();
    world.member.peer.close();

    const [task] = await world.ledgerSettled(question.messageId);
    expect(task?.status).toBe("completed");
    expect(world.bridge?.channels.openCount).toBe(0);
    await unloaded(server, documentName);
    expect(server.hocuspocus.getDocumentsCount()).toBe(0);

    const back = await connectHuman(server, world.workspace.member);
    const reopened = await back.open(general.id);
    const [reply] = await finishedReplies(reopened, question.threadId);
    expect(reply?.body).toBe("Answer while you were away.");
  });
});
