// An agent's reply that keeps streaming while the bridge's connection is lost: part of it went
// into a link that had silently stopped carrying anything (it never reached the server), the rest
// was written after the bridge noticed the cut. Once the link is back, the bridge hands the server
// everything with its reconnection's sync step 2, so the whole reply reaches the people in the
// thread and the server's write guard refuses nothing. (Sent ahead of that step 2, the changes
// made while disconnected build on the part the server never got: "update has gaps", refused.)
import { threadDocumentName } from "@openvibe/schema";
import { describe, expect, it } from "vitest";
import { listAudit } from "../../sync-server/src/audit/audit-log.ts";
import { withDeadline } from "../../sync-server/test/support/deadline.ts";
import { onEvent, waitFor } from "../../sync-server/test/support/wait-for.ts";
import type { FakeAnthropicServer } from "../src/testing/fake-anthropic-server.ts";
import { startAgentWorld } from "./support/agent-world.ts";
import { cuttableLink } from "./support/cuttable-link.ts";
import { agentReplies, finishedReplies } from "./support/humans.ts";
import { startSplitThread } from "./support/split-channel.ts";

const TOKENS = Array.from({ length: 30 }, (_, i) => ` word${i}`);
/** The model pauses after the part the server gets, and after the part lost in the stalled link. */
const DELIVERED = 10;
const LOST = 20;

const answer = (count = TOKENS.length) => TOKENS.slice(0, count).join("");

const paused = (fake: FakeAnthropicServer) =>
  waitFor("a paused model stream", () => fake.pausedCount >= 1, onEvent(fake.events, "paused"));

describe("a bridge whose connection is lost while its reply streams", () => {
  it("delivers the whole reply after reconnecting, with no write refused", async () => {
    const world = await startAgentWorld({
      reply: { kind: "reply", tokens: TOKENS, tokenDelayMs: 1, pauseAfter: [DELIVERED, LOST] },
      bridge: false,
    });
    const link = await cuttableLink(world.server.current.port);
    const bridge = world.startBridge({ serverUrl: link.url });
    const question = await startSplitThread(
      world.member,
      world.workspace.general.id,
      "@claude tell me everything",
    );
    const thread = question.thread;
    await paused(world.fake);
    await thread.until(
      "the answer's first part on the member's replica",
      () => agentReplies(thread.doc, question.threadId)[0]?.body === answer(DELIVERED),
    );

    // The link stops carrying anything; the bridge writes the next part into it.
    link.stall(["websocket"]);
    const bridgeCopy = await bridge.channels.open(
      threadDocumentName(world.workspace.general.id, question.threadId),
    );
    world.fake.resume();
    await paused(world.fake);
    await waitFor(
      "the second part in the bridge's copy",
      () => agentReplies(bridgeCopy.doc, question.threadId)[0]?.body === answer(LOST),
      onEvent(bridgeCopy.doc, "update"),
    );

    // The link drops; once the bridge is retrying, the model finishes meanwhile.
    const retrying = new Promise((resolve) => link.events.once("refused", resolve));
    link.cut(["websocket"]);
    await withDeadline(retrying, "the bridge retrying its cut connection");
    const settled = new Promise((resolve) => bridge.events.once("reply-settled", resolve));
    world.fake.resume();
    await withDeadline(settled, "the whole reply in the bridge's copy");
    bridgeCopy.release();

    link.heal();
    const [task] = await world.ledgerSettled(question.messageId);
    const replies = await finishedReplies(thread, question.threadId);
    expect(replies.map((reply) => reply.body)).toEqual([answer()]);
    expect(replies[0]?.task).toMatchObject({ status: "completed" });
    expect(task).toMatchObject({ status: "completed", attempts: 1 });
    const refusals = listAudit(world.server.current.ctx, { limit: 100 }).filter(
      (entry) => entry.action === "document.write_refused",
    );
    expect(refusals).toEqual([]);
  });
});
