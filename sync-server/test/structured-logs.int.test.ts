// The server's log as an operator reads it: JSON lines where every request names its id (the
// caller's X-Request-Id when it sent one), and where what libraries print (Hocuspocus reports a
// refused write with console.error) arrives as structured entries, not stray stderr text.
import { describe, expect, it } from "vitest";
import { channelReplica } from "./support/channel-replica.ts";
import { spawnServer } from "./support/child-server.ts";
import { withDeadline } from "./support/deadline.ts";
import { connectPeer } from "./support/peers.ts";
import { seedOverHttp } from "./support/seed-over-http.ts";
import { temporaryDataDir } from "./support/test-server.ts";

describe("structured logs", () => {
  it("names every request's id and takes what libraries print into the log", async () => {
    const server = await spawnServer({ OPENVIBE_DATA_DIR: temporaryDataDir() });
    const url = server.websocketUrl.replace(/^ws/, "http");
    const given = await fetch(`${url}/health`, { headers: { "x-request-id": "trace-me-42" } });
    expect(given.headers.get("x-request-id")).toBe("trace-me-42");
    const made = (await fetch(`${url}/api/nothing-here`)).headers.get("x-request-id");
    expect(made).toMatch(/.{8,}/);
    const health = await server.entry("the /health request", (e) => e.reqId === "trace-me-42");
    expect(health).toMatchObject({ msg: "request", method: "GET", path: "/health", status: 200 });
    await server.entry("the 404's request", (e) => e.reqId === made && e.status === 404);

    const seed = await seedOverHttp(url, ["logged"]);
    const peer = connectPeer(server.websocketUrl, { token: seed.apiKey });
    const secretBody = "the launch code is swordfish-4711";
    // The channel is split: the thread and its message live in the thread's own document.
    const { thread: channel } = await channelReplica(peer, seed.channels.logged ?? "").createThread(
      { kind: "human", id: seed.adminId },
      { title: "t", body: secretBody },
    );
    // Logged as structured entries, but never the message or a credential.
    expect(server.output()).not.toContain("swordfish-4711");
    expect(server.output()).not.toContain(seed.apiKey);
    const closed = withDeadline(channel.closed, "the forger's connection to close");
    channel.doc.getMap("meta").set("schemaVersion", 99);
    await closed;
    const refused = await server.entry("the refusal", (e) => e.msg === "write refused");
    expect(refused.why).toContain("meta");
    const printed = await server.entry(
      "Hocuspocus's console.error as a log entry",
      (e) => e.component === "console",
    );
    expect(printed.level).toBe(50);
    expect(String(printed.msg)).toContain("write refused");
  });
});
