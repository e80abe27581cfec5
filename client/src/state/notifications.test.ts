import { describe, expect, it } from "vitest";
import { MentionNotifier, type NotificationFacts, shouldNotify } from "./notifications.ts";
import { message, stamp } from "./unread-fixtures.ts";
import type { UnreadUpdate } from "./unread-tracker.ts";

const FACTS: NotificationFacts = {
  enabled: true,
  tabHidden: true,
  reader: { id: "me", handle: "ada" },
  readStamp: stamp(10),
  alreadyNotified: false,
};
const MENTION = message("m1", 20, { mentions: ["ada"] });

describe("shouldNotify", () => {
  it("notifies of an unread mention of me by someone else while the tab is hidden", () => {
    expect(shouldNotify(MENTION, FACTS)).toBe(true);
    expect(shouldNotify(MENTION, { ...FACTS, readStamp: null })).toBe(true);
  });

  it("stays quiet while the tab is visible or when switched off", () => {
    expect(shouldNotify(MENTION, { ...FACTS, tabHidden: false })).toBe(false);
    expect(shouldNotify(MENTION, { ...FACTS, enabled: false })).toBe(false);
  });

  it("ignores messages that do not mention me, and my own", () => {
    expect(shouldNotify(message("m2", 20, { mentions: ["bob"] }), FACTS)).toBe(false);
    const mine = message("m3", 20, { mentions: ["ada"], author: { kind: "human", id: "me" } });
    expect(shouldNotify(mine, FACTS)).toBe(false);
  });

  it("ignores what is already read, already notified or deleted", () => {
    expect(shouldNotify(MENTION, { ...FACTS, readStamp: stamp(20) })).toBe(false);
    expect(shouldNotify(MENTION, { ...FACTS, alreadyNotified: true })).toBe(false);
    expect(shouldNotify({ ...MENTION, deleted: true }, FACTS)).toBe(false);
  });
});

describe("MentionNotifier", () => {
  it("shows each new mention once, and none found in the first read of a channel", () => {
    let emit: (update: UnreadUpdate) => void = () => {};
    const shown: string[] = [];
    const notifier = new MentionNotifier(
      {
        reader: FACTS.reader,
        onUpdate: (listener) => {
          emit = listener;
          return () => {};
        },
      },
      { enabled: () => true, tabHidden: () => true, show: ({ message }) => shown.push(message.id) },
    );
    const update = (ids: string[], initial: boolean): UnreadUpdate => ({
      channelId: "c1",
      initial,
      unread: {
        channelId: "c1",
        unread: ids.length,
        more: false,
        mentions: ids.length,
        threads: [
          {
            threadId: "t1",
            title: "Launch",
            unread: ids.length,
            more: false,
            mentions: ids.map((id) => message(id, 20, { mentions: ["ada"] })),
            mentionCount: ids.length,
            readStamp: stamp(10),
            latest: stamp(20),
          },
        ],
      },
    });
    emit(update(["old"], true));
    emit(update(["old", "new"], false));
    emit(update(["old", "new"], false));
    expect(shown).toEqual(["new"]);
    notifier.destroy();
  });
});
