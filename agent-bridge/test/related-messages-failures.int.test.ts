// Search is an extra: when the server's search fails or does not answer in time, the bridge
// logs a structured warning and goes on without related messages. A local HTTP server stands in
// for the sync server (real sockets, real BridgeApi, real pino logger).
import { once } from "node:events";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { createThread, initChannel } from "@openvibe/schema";
import { pino } from "pino";
import { describe, expect, it, onTestFinished } from "vitest";
import * as Y from "yjs";
import { findRelated } from "../src/context/related-messages.ts";
import { BridgeApi } from "../src/server/bridge-api.ts";

type Answer = (response: ServerResponse) => void;

interface FakeServer {
  url: string;
  paths: string[];
  /** Resolves when the first request arrives. */
  requested: Promise<void>;
}

async function fakeServer(answer: Answer): Promise<FakeServer> {
  const paths: string[] = [];
  const server = createServer((request, response) => {
    paths.push(request.url ?? "");
    answer(response);
  });
  const requested = once(server, "request").then(() => undefined);
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  onTestFinished(() => {
    server.closeAllConnections();
    server.close();
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, paths, requested };
}

function capturedLogger() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level: "warn" }, sink), lines };
}

/** Starts findRelated for a mention with `body` against a server that answers with `answer`. */
async function lookUp(
  answer: Answer,
  body: string,
  options: { relatedTimeoutMs?: number; signal?: AbortSignal } = {},
) {
  const server = await fakeServer(answer);
  const { logger, lines } = capturedLogger();
  const doc = new Y.Doc();
  initChannel(doc, "general");
  const { messageId } = createThread(doc, { kind: "human", id: "u1" }, { title: "Q", body });
  const { signal = new AbortController().signal, ...timeout } = options;
  const related = findRelated(
    doc,
    { id: "task-1", triggerMessageId: messageId },
    { api: new BridgeApi(server.url, "ovk_test"), logger, ...timeout },
    signal,
  );
  return { server, lines, related };
}

const never: Answer = () => undefined;
const broken: Answer = (response) => response.writeHead(500).end('{"error":{}}');

describe("findRelated when search does not work", () => {
  it.each([
    ["fails", broken, {}],
    ["does not answer in time", never, { relatedTimeoutMs: 100 }],
  ])("returns nothing and logs a warning when the server %s", async (_what, answer, options) => {
    const { server, lines, related } = await lookUp(
      answer,
      "@claude where are the zebracorn launch notes?",
      options,
    );

    expect(await related).toEqual([]);
    expect(server.paths).toEqual([
      "/api/bridge/tasks/task-1/search?q=zebracorn+launch+notes+&limit=5",
    ]);
    expect(lines).toEqual([
      expect.objectContaining({
        level: 40,
        taskId: "task-1",
        msg: "workspace search failed; replying without related messages",
        err: expect.objectContaining({ message: expect.any(String) }),
      }),
    ]);
  });

  it("stays quiet when the reply was stopped meanwhile", async () => {
    const stop = new AbortController();
    const { server, lines, related } = await lookUp(never, "@claude zebracorn?", {
      signal: stop.signal,
    });
    await server.requested;
    stop.abort();

    expect(await related).toEqual([]);
    expect(lines).toEqual([]);
  });

  it("asks nothing when the mention has no words worth searching", async () => {
    const { server, lines, related } = await lookUp(broken, "@claude can you help?");

    expect(await related).toEqual([]);
    expect(server.paths).toEqual([]);
    expect(lines).toEqual([]);
  });
});
