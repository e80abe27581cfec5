// Who is asking: a user (person or agent) and how they proved it.
import type { users } from "../db/schema.ts";

export type UserRecord = typeof users.$inferSelect;

export type Credential =
  | { kind: "session"; sessionId: string }
  | { kind: "api-key"; apiKeyId: string };

export interface Principal {
  user: UserRecord;
  via: Credential;
}
