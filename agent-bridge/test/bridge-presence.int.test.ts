// When the bridge is in a channel: a mention written offline is answered once
// it reaches the server, and the bridge holds a thread document only while it
// works there, so idle threads are not pinned in the server's memory.
import { threadDocumentName } from "@openvibe/schema";
import { describe, expect, it } from "vitest";
import type { RunningServer } from "../../sync-server/src/server.ts";
import { withDeadline } from "../../sync-server/test/support/deadline.ts";
import { onEvent, waitFor } from "../../sync-server/test/support/wait-for.ts";
import { startAgentWorld } from "./support/agent-world.ts";
import { connectHuman, finishedReplies } from "./support/humans.ts";
import { tasksFor } from "./support/ledger.ts";
import { draftThread, publishThread, startSplitThread } from "./support/split-channel.ts";

/** Resolves once the server no longer holds the document in memory. */
function unloaded(server: RunningServer, documentName: string): Promise<void> {
  const document = server.hocuspocus.documents.get(documentName);
  if (document === undefined) return Promise.resolve();
  return withDeadline(
    new Promise((resolve) => document.once("destroy", () => resolve())),
    `the server to unload ${documentName}`,
  );
}

/** Resolves once the server holds no document in memory (each unload awaited in turn). */
async function everyDocumentUnloaded(server: RunningServer): Promise<void> {
  for (const [name] of server.hocuspocus.documents) await unloaded(server, name);
  if (server.hocuspocus.getDocumentsCount() > 0) await everyDocumentUnloaded(server);
}

describe("the bridge's presence in channels", () => {
  it("answers a mention written offline once it syncs", async () => {
    const world = await startAgentWorld();
    const { general } = world.workspace;
    const { socket } = world.member.peer;
    const offline = waitFor(
      "the socket to close",
      () => socket.status === "disconnected",
      onEvent(socket, "status"),
    );
    socket.disconnect();
    await offline;
    // The thread's replica is made and attached while offline; it syncs on reconnection.
    const question = draftThread(world.member, "@claude written on the train");
    const published = publishThread(world.member, general.id, question);
    expect(tasksFor(world.server.current, question.messageId)).toHaveLength(0);

    await socket.connect();
    const [reply] = await finishedReplies(await published, question.threadId);
    expect(reply?.task?.status).toBe("completed");
    expect(tasksFor(world.server.current, question.messageId)).toHaveLength(1);
  });

  it("holds a thread document only while it writes there; the author sees the reply on return", async () => {
    const world = await startAgentWorld({
      reply: { kind: "reply", tokens: ["Answer", " while", " you", " were", " away."] },
    });
    const { general } = world.workspace;
    const server = world.server.current;
    const question = await startSplitThread(
      world.member,
      general.id,
      "@claude answer later please",
    );
    const documentName = threadDocumentName(general.id, question.threadId);
    world.member.peer.close();

    const [task] = await world.ledgerSettled(question.messageId);
    expect(task?.status).toBe("completed");
    expect(world.bridge?.channels.openCount).toBe(0);
    await unloaded(server, documentName);
    // The server's own load of the channel document (to write the thread's digest) ends too.
    await everyDocumentUnloaded(server);
    expect(server.hocuspocus.getDocumentsCount()).toBe(0);

    const back = await connectHuman(server, world.workspace.member);
    const reopened = await back.openThread(general.id, question.threadId);
    const [reply] = await finishedReplies(reopened, question.threadId);
    expect(reply?.body).toBe("Answer while you were away.");
  });
});
