import {
  type Actor,
  abandonFork,
  createFork,
  createThread,
  deleteMessage,
  initChannel,
  postMessage,
  resolveFork,
  threadView,
  type WorkspaceSettings,
  workspaceSettings,
} from "@openvibe/schema";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { forkOffer, openForkCount } from "./fork-offer.ts";

const alice: Actor = { kind: "human", id: "alice" };

function channelWithThread() {
  const doc = new Y.Doc();
  initChannel(doc, "channel-1");
  const { threadId, messageId } = createThread(doc, alice, { title: "Plans", body: "first" });
  const second = postMessage(doc, alice, { threadId, body: "second" });
  const view = () => {
    const current = threadView(doc, threadId);
    if (current === undefined) throw new Error("the thread is missing");
    return current;
  };
  return { doc, messageIds: [messageId, second], view };
}

const settings = (change: Partial<WorkspaceSettings>): WorkspaceSettings => ({
  ...workspaceSettings.parse({}),
  ...change,
});

describe("openForkCount", () => {
  it("counts open forks across the main line, not resolved or abandoned ones", () => {
    const { doc, messageIds, view } = channelWithThread();
    const [first = "", second = ""] = messageIds;
    expect(openForkCount(view())).toBe(0);
    const resolved = createFork(doc, alice, { messageId: first });
    const abandoned = createFork(doc, alice, { messageId: first });
    createFork(doc, alice, { messageId: first });
    createFork(doc, alice, { messageId: second });
    expect(openForkCount(view())).toBe(4);
    resolveFork(doc, alice, { forkId: resolved, resolution: "done" });
    abandonFork(doc, alice, { forkId: abandoned });
    expect(openForkCount(view())).toBe(2);
  });

  it("still counts the open fork of a message deleted since", () => {
    const { doc, messageIds, view } = channelWithThread();
    const [first = ""] = messageIds;
    createFork(doc, alice, { messageId: first });
    deleteMessage(doc, alice, { messageId: first });
    expect(openForkCount(view())).toBe(1);
  });
});

describe("forkOffer", () => {
  it("offers nothing while forks are turned off", () => {
    const { view } = channelWithThread();
    const off = settings({
      features: { agents: true, forks: false, search: true, linkPreviews: true },
    });
    expect(forkOffer(off, view())).toEqual({ offered: false });
  });

  it("offers forking below the limit and refuses it, with the reason, at the limit", () => {
    const { doc, messageIds, view } = channelWithThread();
    const [first = ""] = messageIds;
    const limitOne = settings({ maxOpenForksPerThread: 1, forkLabel: "Side discussion" });
    expect(forkOffer(limitOne, view())).toEqual({ offered: true, refusal: null });
    const forkId = createFork(doc, alice, { messageId: first });
    expect(forkOffer(limitOne, view())).toEqual({
      offered: true,
      refusal:
        "This thread already has 1 open side discussion (the workspace allows 1): resolve or abandon one first.",
    });
    abandonFork(doc, alice, { forkId });
    expect(forkOffer(limitOne, view())).toEqual({ offered: true, refusal: null });
  });

  it("says how many are open when an offline peer went past the limit", () => {
    const { doc, messageIds, view } = channelWithThread();
    const [first = ""] = messageIds;
    for (let i = 0; i < 3; i++) createFork(doc, alice, { messageId: first });
    const offer = forkOffer(settings({ maxOpenForksPerThread: 2 }), view());
    expect(offer.offered && offer.refusal).toMatch(
      /already has 3 open forks \(the workspace allows 2\)/,
    );
  });
});
