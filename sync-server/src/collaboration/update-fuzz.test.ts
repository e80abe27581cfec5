// Seeded fuzzing of the write guard's inspector: valid updates a member's replica sends are
// mutated (bytes flipped, inserted, dropped, spliced with another update) and inspected. The
// inspector must never throw, and whatever it allows must, once applied, leave everything that is
// not the member's exactly as it was: no change to others' entries, the metadata or server-owned
// maps, no new entry in someone else's name, no unknown root. 10,000 cases here; `./scripts/test
// --long` runs 200,000.
import {
  type Actor,
  createFork,
  createThread,
  editMessage,
  initChannel,
  pinMessage,
  postMessage,
  react,
  requestThreadSummary,
  WRITE_RULES,
} from "@openvibe/schema";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { MemoryClientIdOwners, PeerReplica, testWriter } from "../../test/support/guard-world.ts";

const CASES = process.env.OPENVIBE_LONG === "1" ? 200_000 : 10_000;
const admin: Actor = { kind: "human", id: "admin-1" };
const member: Actor = { kind: "human", id: "member-1" };
/** Every root a channel document holds. */
const ROOTS = Object.keys(WRITE_RULES);

/** The owner an entry names: author, creator, pinner, or the actor at the end of its key. */
function ownerOf(root: string, key: string, value: unknown): string | undefined {
  const plain = value instanceof Y.Map ? value.toJSON() : value;
  const record =
    typeof plain === "object" && plain !== null ? (plain as Record<string, unknown>) : {};
  const named = record.author ?? record.createdBy ?? record.by;
  if (typeof named === "object" && named !== null && "id" in named) return String(named.id);
  if (["reactions", "stopRequests", "summaryRequests"].includes(root)) return key.split("|").at(-1);
  return undefined;
}

/** Every root's entries as JSON, by owner. */
function contents(doc: Y.Doc) {
  const entries = new Map<string, { owner: string | undefined; json: string }>();
  for (const root of ROOTS) {
    for (const [key, value] of doc.getMap(root).entries()) {
      const json = JSON.stringify(value instanceof Y.AbstractType ? value.toJSON() : value);
      entries.set(`${root}/${key}`, { owner: ownerOf(root, key, value), json });
    }
  }
  return entries;
}

function world() {
  const server = new Y.Doc();
  initChannel(server, "channel-1");
  const { threadId, messageId } = createThread(server, admin, { title: "plans", body: "hello" });
  postMessage(server, admin, { threadId, body: "the admin's second word" });
  const forkId = createFork(server, admin, { messageId, body: "side" });
  react(server, admin, { messageId, emoji: "👍" });
  pinMessage(server, admin, { messageId });
  const own = postMessage(server, member, { threadId, body: "the member's own" });
  const peer = new PeerReplica(server, testWriter(member), new MemoryClientIdOwners());
  /**
   * What a fresh replica of the member's honestly sends for `write`: the seeds the mutations
   * start from. Each stands alone; from one replica, every seed after the first would start
   * where the one before ended (a gap the server has not seen), be refused before any rule is
   * reached, and leave edits, reactions, forks and the rest unfuzzed.
   */
  const sent = (write: (doc: Y.Doc) => void) =>
    new PeerReplica(server, testWriter(member), new MemoryClientIdOwners()).sent(write);
  const seeds = [
    sent((doc) => postMessage(doc, member, { threadId, body: "a new one" })),
    sent((doc) => postMessage(doc, member, { threadId, forkId, body: "in the fork" })),
    sent((doc) => editMessage(doc, member, { messageId: own, body: "the member's edit" })),
    sent((doc) => react(doc, member, { messageId, emoji: "🎉" })),
    sent((doc) => createFork(doc, member, { messageId, body: "mine" })),
    sent((doc) => createThread(doc, member, { title: "mine", body: "new thread" })),
    sent((doc) => requestThreadSummary(doc, member, { threadId })),
  ];
  return { server, peer, seeds };
}

const mutation = fc.oneof(
  fc.record({ kind: fc.constant("flip" as const), at: fc.nat(), value: fc.nat(255) }),
  fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), value: fc.nat(255) }),
  fc.record({
    kind: fc.constant("drop" as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 8 }),
  }),
  fc.record({ kind: fc.constant("splice" as const), at: fc.nat(), other: fc.nat() }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function mutate(
  update: Uint8Array,
  mutations: readonly Mutation[],
  seeds: Uint8Array[],
): Uint8Array {
  let bytes = Array.from(update);
  for (const m of mutations) {
    const at = bytes.length === 0 ? 0 : m.at % bytes.length;
    if (m.kind === "flip") bytes[at] = m.value;
    else if (m.kind === "insert") bytes.splice(at, 0, m.value);
    else if (m.kind === "drop") bytes.splice(at, m.length);
    else {
      const other = Array.from(seeds[m.other % seeds.length] ?? []);
      bytes = [...bytes.slice(0, at), ...other.slice(at % Math.max(1, other.length))];
    }
  }
  return Uint8Array.from(bytes);
}

describe("fuzzing the write guard's inspector", () => {
  it(`never throws, and never allows a change to what is not the member's (${CASES} cases)`, () => {
    const w = world();
    const before = contents(w.server);
    const heapBefore = process.memoryUsage().heapUsed;
    let allowedCount = 0;
    fc.assert(
      fc.property(
        fc.nat(),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        (seed, mutations) => {
          const update = mutate(
            w.seeds[seed % w.seeds.length] ?? new Uint8Array(),
            mutations,
            w.seeds,
          );
          const inspection = w.peer.inspect(update);
          if (!inspection.allowed) return;
          allowedCount += 1;
          const applied = new Y.Doc();
          Y.applyUpdate(applied, Y.encodeStateAsUpdate(w.server));
          Y.applyUpdate(applied, update);
          expect([...applied.share.keys()].every((root) => ROOTS.includes(root))).toBe(true);
          const after = contents(applied);
          for (const [path, entry] of before) {
            if (entry.owner === member.id) continue;
            expect(after.get(path)?.json, path).toBe(entry.json);
          }
          for (const [path, entry] of after) {
            if (!before.has(path)) expect(entry.owner, path).toBe(member.id);
          }
        },
      ),
      { numRuns: CASES, seed: 20261204 },
    );
    // Some mutations keep an update valid (a changed character of a body): the oracle did run.
    expect(allowedCount).toBeGreaterThan(0);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(512 * 1024 * 1024);
  });
});
