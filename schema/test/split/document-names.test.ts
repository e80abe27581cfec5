import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  buildDocumentName,
  isNameableThreadId,
  parseDocumentName,
  threadDocumentName,
} from "../../src/index.ts";

const channelId = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/);
/** Ids as the operations make them, and the odd ones imports may carry. */
const threadId = fc.oneof(
  fc.ulid(),
  fc.string({ minLength: 1, maxLength: 128, unit: "grapheme" }).filter(isNameableThreadId),
);

/** Any character, the ones names are made of and the ones that break them more often. */
const nameCharacter = fc.oneof(
  fc.string({ minLength: 1, maxLength: 1, unit: "grapheme" }),
  fc.constantFrom("t", "h", "r", "e", "a", "d", "c", "n", "l", "0", "_", ".", "-"),
  fc.constantFrom(":", "|", " ", "\u0000", "\u007f", "\u202e", "\ud800", "\udc00", "\ufffd"),
);

/** Accepted names are exactly the ones building gives: parsing never reads a name two ways. */
function expectCanonical(name: string): void {
  const parsed = parseDocumentName(name);
  if (parsed === null) return;
  expect(buildDocumentName(parsed)).toBe(name);
  if (parsed.kind === "thread") expect(name.startsWith(`thread:${parsed.channelId}:`)).toBe(true);
}

describe("thread document names", () => {
  it("round-trip: the name carries the channel and the thread", () => {
    fc.assert(
      fc.property(channelId, threadId, (channel, thread) => {
        const name = threadDocumentName(channel, thread);
        expect(parseDocumentName(name)).toEqual({
          kind: "thread",
          channelId: channel,
          threadId: thread,
        });
      }),
    );
  });

  it("parse any string strictly: null, or the one name building gives", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 140, unit: nameCharacter }), (name) => {
        expectCanonical(name);
        expectCanonical(`thread:${name}`);
        expectCanonical(`channel:${name}`);
      }),
      { numRuns: 1_000 },
    );
  });

  it("stay strict for valid names with a character inserted, removed or replaced", () => {
    const edit = fc.record({
      at: fc.nat(),
      kind: fc.constantFrom("insert", "remove", "replace"),
      char: fc.oneof(nameCharacter, fc.constant("")),
    });
    fc.assert(
      fc.property(channelId, threadId, fc.array(edit, { maxLength: 3 }), (c, t, edits) => {
        let name = threadDocumentName(c, t);
        for (const { at, kind, char } of edits) {
          const i = at % (name.length + 1);
          const cut = kind === "insert" ? 0 : 1;
          name = name.slice(0, i) + (kind === "remove" ? "" : char) + name.slice(i + cut);
        }
        expectCanonical(name);
      }),
      { numRuns: 1_000 },
    );
  });

  it("refuse malformed names: a thread id alone, empty parts, unsafe characters", () => {
    const malformed = [
      "thread:",
      "thread:general",
      "thread:01HZX3J9Q1V8Y2W3E4R5T6Y7U8",
      "thread::t1",
      "thread:general:",
      "thread:general:a|b",
      "thread:gen eral:t1",
      "thread:general\u0000:t1",
      "thread:general:t\u0000",
      "thread:general:t\u202e1",
      "thread:general:t\ud800",
      `thread:general:${"x".repeat(129)}`,
      `thread:${"c".repeat(129)}:t1`,
      "Thread:general:t1",
      " thread:general:t1",
      "threads:general:t1",
      "channel:general:t1",
      "channel:",
      "general",
    ];
    for (const name of malformed) expect(parseDocumentName(name), name).toBeNull();
    expect(() => threadDocumentName("general", "a|b")).toThrow(/invalid thread id/);
    expect(() => threadDocumentName("gen:eral", "t1")).toThrow(/invalid channel id/);
  });

  it("read a thread id holding the separator as that thread of the first channel", () => {
    expect(parseDocumentName("thread:general:a:b")).toEqual({
      kind: "thread",
      channelId: "general",
      threadId: "a:b",
    });
    expect(parseDocumentName("channel:general")).toEqual({ kind: "channel", channelId: "general" });
  });
});
