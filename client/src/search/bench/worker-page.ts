// The in-page half of the browser search benchmark for the index worker (scripts/bench/search,
// BROWSER_BENCH): the page sends the generated messages to the real worker as the ChannelFeed
// sends a channel's messages (parts of 1,000, a task each), then types queries a key at a time
// through the real IndexClient, timing the page's own tasks and the final query's answer.
// Bundled by scripts/bench/search-browser.ts and run in Chromium. Never part of the app.
import { parseSearchQuery } from "@openvibe/schema";
import type { Observable } from "../../state/observable.ts";
import { yieldToEventLoop } from "../chunked.ts";
import { IndexClient, type LocalSearch } from "../index-client.ts";
import type { IndexedMessage } from "../search-index.ts";
import type { FromIndex, ToIndex } from "../worker/protocol.ts";

export interface BurstReport {
  /** The longest task the search caused on the page (a keystroke, or an answer arriving). */
  longestTaskMs: number;
  /** From the final keystroke to its answer on the page. */
  finalMs: number;
  /** Answers kept for queries typed before the final one, after it was typed (must be 0). */
  staleAnswers: number;
}

const LIMIT = 20;
/** The document state every channel is "held" at: the same on reload, so nothing is re-sent. */
const VECTOR = new Uint8Array([0]);

let workerUrl = "";
let byChannel = new Map<string, IndexedMessage[]>();
let channelIds = new Map<string, string>();
let worker: Worker | null = null;
let client: IndexClient | null = null;
/** Durations of the page's tasks for answers arriving (see start). */
let answerTasks: number[] = [];
let listed = 0;

function load(input: IndexedMessage[], url: string): number {
  workerUrl = url;
  byChannel = new Map();
  for (const message of input) {
    const list = byChannel.get(message.channelId) ?? [];
    list.push(message);
    byChannel.set(message.channelId, list);
  }
  channelIds = new Map([...byChannel.keys()].map((id) => [id.toLowerCase(), id]));
  return input.length;
}

function until<T>(observable: Observable<T>, check: (value: T) => boolean): Promise<void> {
  return new Promise((resolve) => {
    const test = () => {
      if (!check(observable.get())) return;
      stop();
      resolve();
    };
    const stop = observable.subscribe(test);
    test();
  });
}

/** A worker with the index saved under `bench` (a new one loads it from IndexedDB). */
function start(): IndexClient {
  client?.destroy();
  const started = new Worker(workerUrl, { name: "search-index" });
  worker = started;
  let taskStarted = 0;
  // Listeners run in the order added, in the same task: before and after the client's.
  started.addEventListener("message", () => {
    taskStarted = performance.now();
  });
  const opened = new IndexClient(started, {
    userId: "bench",
    open: () => {
      throw new Error("the bench holds no channel documents");
    },
    close: () => started.terminate(),
  });
  started.addEventListener("message", (event: MessageEvent<FromIndex>) => {
    if (event.data.type === "answer") answerTasks.push(performance.now() - taskStarted);
    if (event.data.type === "need") void sendAll(event.data.channelId);
  });
  client = opened;
  return opened;
}

function post(message: ToIndex): void {
  worker?.postMessage(message);
}

/** What the ChannelFeed does when the worker needs a channel: its messages in parts. */
async function sendAll(channelId: string): Promise<void> {
  listed++;
  const messages = byChannel.get(channelId) ?? [];
  for (let done = 0; done < messages.length; ) {
    const part = messages.slice(done, done + 1_000);
    done += part.length;
    post({
      type: "listing",
      channelId,
      vector: VECTOR,
      messages: part,
      done,
      total: messages.length,
    });
    await yieldToEventLoop();
  }
}

export interface OpenReport {
  /** Until every channel was indexed (built from the messages, or loaded). */
  ms: number;
  /** Channels whose messages the worker asked for (0: all loaded from IndexedDB). */
  listed: number;
  /** Growth of the origin's storage once saved. */
  storedBytes: number;
}

/**
 * Starts a worker and holds every channel: the index is built from the messages (first time)
 * or loaded from IndexedDB (a saved one covers these channels), then saved.
 */
async function open(): Promise<OpenReport> {
  const before = (await navigator.storage.estimate()).usage ?? 0;
  const started = performance.now();
  listed = 0;
  const opened = start();
  const ids = [...channelIds.values()];
  post({ type: "channels", channelIds: ids });
  for (const channelId of ids) post({ type: "held", channelId, vector: VECTOR });
  await until(opened.readyChannels, (ready) => ready === ids.length);
  const ms = performance.now() - started;
  await opened.flushed();
  const storedBytes = ((await navigator.storage.estimate()).usage ?? 0) - before;
  // Indexed: the page keeps none of them (the app's page holds its documents, not for search).
  byChannel = new Map();
  return { ms, listed, storedBytes };
}

function search(text: string): LocalSearch {
  return {
    parsed: parseSearchQuery(text),
    names: { channelIdByName: (name) => channelIds.get(name), personIdByHandle: () => undefined },
    limit: LIMIT,
  };
}

/** Types `texts` (each the box's text after a keystroke) `gapMs` apart. */
async function burst(texts: readonly string[], gapMs: number): Promise<BurstReport> {
  const opened = client;
  if (opened === null) throw new Error("burst before build");
  answerTasks = [];
  const keystrokes: number[] = [];
  const searches = texts.map(search);
  const final = searches.at(-1);
  let finalTyped = 0;
  let staleAnswers = 0;
  const answered = new Promise<number>((resolve) => {
    const stop = opened.answers.current.subscribe(() => {
      const request = opened.answers.current.get()?.request;
      if (request !== final && finalTyped > 0) staleAnswers++;
      if (request !== final) return;
      stop();
      resolve(performance.now());
    });
  });
  for (const [i, typed] of searches.entries()) {
    if (i > 0) await new Promise((resolve) => setTimeout(resolve, gapMs));
    const pressed = performance.now();
    opened.search(typed);
    keystrokes.push(performance.now() - pressed);
    if (typed === final) finalTyped = pressed;
  }
  const finalMs = (await answered) - finalTyped;
  return { longestTaskMs: Math.max(...keystrokes, ...answerTasks), finalMs, staleAnswers };
}

export const bench = { load, open, burst };
