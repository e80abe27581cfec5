// Dexie: what the shell needs to start offline (the signed-in user, the
// workspace, channels, people and agents as last fetched) and per-thread
// drafts. Conversation content is not here: it lives in each channel's
// Y.Doc, persisted by sync/local-store.
import type { ChannelView, SessionView, UserView, WorkspaceView } from "@openvibe/schema";
import { Dexie, type EntityTable } from "dexie";

export interface CachedValue<K extends string, V> {
  key: K;
  value: V;
}

export type Singleton =
  | CachedValue<"session", SessionView>
  | CachedValue<"workspace", WorkspaceView>;

export interface Draft {
  /** `${channelId}/${threadId}`, or `${channelId}/fork:${forkId}`. */
  key: string;
  text: string;
  updatedAt: number;
}

export class LocalDatabase extends Dexie {
  singletons!: EntityTable<Singleton, "key">;
  channels!: EntityTable<ChannelView, "id">;
  people!: EntityTable<UserView, "id">;
  drafts!: EntityTable<Draft, "key">;

  constructor(name = "openvibe") {
    super(name);
    this.version(1).stores({
      singletons: "key",
      channels: "id",
      people: "id",
      drafts: "key",
    });
  }
}

export const localDatabase = new LocalDatabase();
