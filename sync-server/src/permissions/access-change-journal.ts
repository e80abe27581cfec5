// The access-change journal in the shared SQLite file: every process appends
// the changes it emits, a server reads those of the others. Rows are history
// after a day and pruned as new ones are written.
import { gt, lt, max } from "drizzle-orm";
import { z } from "zod";
import type { OpenVibeDatabase } from "../db/open-database.ts";
import { accessChangeJournal } from "../db/schema.ts";
import { type AccessChange, accessChangeSchema } from "./access-changes.ts";

export const JOURNAL_RETENTION_MS = 24 * 60 * 60 * 1000;

/** A row read back: its change, or why it could not be read (a row another version wrote, say). */
export type JournalEntry = { seq: number; origin: string } & (
  | { change: AccessChange }
  | { problem: string }
);

export class AccessChangeJournal {
  private readonly db: OpenVibeDatabase;
  private readonly now: () => number;

  constructor(db: OpenVibeDatabase, now: () => number) {
    this.db = db;
    this.now = now;
  }

  /** Records a change emitted by `origin`, and prunes rows past the retention. */
  append(origin: string, change: AccessChange): void {
    const now = this.now();
    this.db.transaction((tx) => {
      tx.insert(accessChangeJournal)
        .values({ origin, change: JSON.stringify(change), createdAt: now })
        .run();
      tx.delete(accessChangeJournal)
        .where(lt(accessChangeJournal.createdAt, now - JOURNAL_RETENTION_MS))
        .run();
    });
  }

  /** The highest sequence number written so far (0 for none). */
  lastSeq(): number {
    const row = this.db
      .select({ seq: max(accessChangeJournal.seq) })
      .from(accessChangeJournal)
      .get();
    return row?.seq ?? 0;
  }

  /** Every row after `seq`, oldest first. */
  after(seq: number): JournalEntry[] {
    return this.db
      .select()
      .from(accessChangeJournal)
      .where(gt(accessChangeJournal.seq, seq))
      .orderBy(accessChangeJournal.seq)
      .all()
      .map(({ seq, origin, change }) => ({ seq, origin, ...decode(change) }));
  }
}

function decode(text: string): { change: AccessChange } | { problem: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { problem: "not JSON" };
  }
  const parsed = accessChangeSchema.safeParse(json);
  return parsed.success ? { change: parsed.data } : { problem: z.prettifyError(parsed.error) };
}
