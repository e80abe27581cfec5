// The access-change journal on a real SQLite file: what one process appends,
// another reads back in order with its origin; rows past a day are pruned
// without their sequence numbers being reused; rows that are not a valid
// change come back as problems, not as changes.
import { describe, expect, it, onTestFinished } from "vitest";
import { openDatabase } from "../src/db/open-database.ts";
import {
  AccessChangeJournal,
  JOURNAL_RETENTION_MS,
} from "../src/permissions/access-change-journal.ts";
import { temporaryDataDir } from "./support/test-server.ts";

function journal() {
  const db = openDatabase(temporaryDataDir(), { synchronous: "normal" });
  onTestFinished(() => {
    db.$client.close();
  });
  const clock = { now: 1_000_000 };
  return { db, clock, journal: new AccessChangeJournal(db, () => clock.now) };
}

describe("the access-change journal", () => {
  it("reads back, in order and with their origin, the changes after a sequence number", () => {
    const { journal: j } = journal();
    expect(j.lastSeq()).toBe(0);
    j.append("ovb-1", { kind: "api-key-revoked", userId: "u1", apiKeyId: "k1" });
    j.append("server-1", { kind: "sessions-ended", userId: "u2", sessionId: "s2" });
    j.append("ovb-1", { kind: "channel-changed", channelId: "c1" });
    expect(j.lastSeq()).toBe(3);
    expect(j.after(1)).toEqual([
      {
        seq: 2,
        origin: "server-1",
        change: { kind: "sessions-ended", userId: "u2", sessionId: "s2" },
      },
      { seq: 3, origin: "ovb-1", change: { kind: "channel-changed", channelId: "c1" } },
    ]);
    expect(j.after(3)).toEqual([]);
  });

  it("prunes rows older than a day on the next append, never reusing their numbers", () => {
    const { clock, journal: j } = journal();
    j.append("ovb-1", { kind: "role-changed", userId: "u1" });
    j.append("ovb-1", { kind: "role-changed", userId: "u2" });
    clock.now += JOURNAL_RETENTION_MS + 1;
    j.append("ovb-2", { kind: "user-deactivated", userId: "u3" });
    expect(j.after(0)).toEqual([
      { seq: 3, origin: "ovb-2", change: { kind: "user-deactivated", userId: "u3" } },
    ]);
  });

  it("returns a problem for a row that is not JSON or not an access change", () => {
    const { db, journal: j } = journal();
    const insert = db.$client.prepare(
      "INSERT INTO access_change_journal (origin, change, created_at) VALUES ('other', ?, 1)",
    );
    insert.run("{not json");
    insert.run(JSON.stringify({ kind: "user-deactivated" }));
    insert.run(JSON.stringify({ kind: "world-ended" }));
    const [notJson, missingField, unknownKind] = j.after(0);
    expect(notJson).toEqual({ seq: 1, origin: "other", problem: "not JSON" });
    expect(missingField).toMatchObject({ seq: 2, problem: expect.stringContaining("userId") });
    expect(unknownKind).toMatchObject({ seq: 3, problem: expect.any(String) });
  });
});
