// The signed-in person and the workspace metadata the shell needs. Read from
// the server when it answers and cached in Dexie; read from Dexie when it does
// not, so the shell renders offline with what was last seen.
import type { ChannelView, SessionView, UserView, WorkspaceView } from "@openvibe/schema";
import { api } from "../api/endpoints.ts";
import { ApiError, OfflineError, setCsrfToken } from "../api/http.ts";
import { type LocalDatabase, localDatabase } from "../local/database.ts";
import { Observable } from "./observable.ts";

export type SessionState =
  | { status: "loading" }
  | { status: "signed-out"; setUp: boolean }
  | { status: "signed-in"; session: SessionView };

export class WorkspaceStore {
  readonly session = new Observable<SessionState>({ status: "loading" });
  readonly workspace = new Observable<WorkspaceView | null>(null);
  readonly channels = new Observable<ChannelView[]>([]);
  readonly people = new Observable<UserView[]>([]);
  private readonly db: LocalDatabase;
  /** Bumped by every refresh and local membership change: a fetch applies only if still newest. */
  private generation = 0;

  constructor(db: LocalDatabase = localDatabase) {
    this.db = db;
  }

  /** Finds out who is signed in: the server's answer, or the cached session when offline. */
  async start(): Promise<void> {
    try {
      await this.signedIn(await api.session());
    } catch (error) {
      if (error instanceof OfflineError) await this.startOffline();
      else if (error instanceof ApiError && error.code === "unauthenticated") {
        await this.signedOut();
      } else throw error;
    }
  }

  private async startOffline(): Promise<void> {
    const cached = await this.db.singletons.get("session");
    if (cached?.key !== "session") {
      this.session.set({ status: "signed-out", setUp: true });
      return;
    }
    setCsrfToken(cached.value.csrfToken);
    this.session.set({ status: "signed-in", session: cached.value });
    await this.loadCached();
  }

  async signedIn(session: SessionView): Promise<void> {
    await this.db.singletons.put({ key: "session", value: session });
    this.session.set({ status: "signed-in", session });
    await this.loadCached();
    await this.refresh();
  }

  async signedOut(): Promise<void> {
    setCsrfToken(null);
    await this.db.singletons.delete("session");
    const { setUp } = await api.setupState();
    this.session.set({ status: "signed-out", setUp });
  }

  private async loadCached(): Promise<void> {
    const [workspace, channels, people] = await Promise.all([
      this.db.singletons.get("workspace"),
      this.db.channels.toArray(),
      this.db.people.toArray(),
    ]);
    if (workspace?.key === "workspace") this.workspace.set(workspace.value);
    this.channels.set(channels);
    this.people.set(people);
  }

  /**
   * Fetches the metadata again; offline, the cached copy stays. Only the newest fetch is kept: an
   * older one that answers late (or one started before a membership change this page made or
   * was told of) would put back what the server no longer says.
   */
  async refresh(): Promise<void> {
    this.generation += 1;
    const generation = this.generation;
    try {
      const [workspace, channels, users, agents] = await Promise.all([
        api.workspace(),
        api.channels(),
        api.users(),
        api.agents(),
      ]);
      if (generation !== this.generation) return;
      const people = [...users, ...agents.filter((a) => !users.some((u) => u.id === a.id))];
      await this.db.transaction("rw", this.db.singletons, this.db.channels, this.db.people, () =>
        Promise.all([
          this.db.singletons.put({ key: "workspace", value: workspace }),
          this.db.channels.clear().then(() => this.db.channels.bulkPut(channels)),
          this.db.people.clear().then(() => this.db.people.bulkPut(people)),
        ]),
      );
      this.workspace.set(workspace);
      this.channels.set(channels);
      this.people.set(people);
    } catch (error) {
      if (!(error instanceof OfflineError)) throw error;
    }
  }

  /** The server ended this person's membership of a channel: it leaves the sidebar at once. */
  async membershipEnded(channelId: string): Promise<void> {
    const channel = this.channels.get().find((c) => c.id === channelId);
    if (channel !== undefined) await this.putChannel({ ...channel, joined: false });
  }

  /** Replaces one channel after a join, leave or creation. */
  async putChannel(channel: ChannelView): Promise<void> {
    // Metadata fetched before this change no longer holds.
    this.generation += 1;
    await this.db.channels.put(channel);
    const others = this.channels.get().filter((c) => c.id !== channel.id);
    this.channels.set([...others, channel].sort((a, b) => a.name.localeCompare(b.name)));
  }
}
