// The signed-in person and the workspace metadata the shell needs. Read from
// the server when it answers and cached here (the session in localStorage,
// cached-session.ts; the lists in Dexie); read from the cache when it does
// not, so the shell renders offline with what was last seen. A list is fetched
// again when the server says it changed (sync/metadata-signals.ts).
import type {
  ChannelView,
  MetadataChanged,
  MetadataList,
  SessionView,
  UserView,
  WorkspaceView,
} from "@openvibe/schema";
import { api } from "../api/endpoints.ts";
import { ApiError, OfflineError, setCsrfToken } from "../api/http.ts";
import { type LocalDatabase, localDatabase } from "../local/database.ts";
import { cachedSession, cacheSession } from "./cached-session.ts";
import { Observable } from "./observable.ts";

/** The lists this store holds (members and context items are fetched by the views that show them). */
type StoreList = Exclude<MetadataList, "members" | "context-items">;

const STORE_LISTS: readonly StoreList[] = ["workspace", "channels", "people"];

/** Lists being fetched: each resolves to the function that shows its answer, if still newest. */
type StartedFetches = readonly Promise<() => Promise<void>>[];

export type SessionState =
  | { status: "loading" }
  | { status: "signed-out"; setUp: boolean }
  | { status: "signed-in"; session: SessionView };

/** Whether two answers hold the same (plain JSON values, in the same order). */
function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Whether two sessions show the same: the same person, rights and CSRF token (not the expiry). */
function sameSession(a: SessionView, b: SessionView): boolean {
  return a.csrfToken === b.csrfToken && JSON.stringify(a.user) === JSON.stringify(b.user);
}

export class WorkspaceStore {
  readonly session = new Observable<SessionState>({ status: "loading" });
  readonly workspace = new Observable<WorkspaceView | null>(null);
  readonly channels = new Observable<ChannelView[]>([]);
  readonly people = new Observable<UserView[]>([]);
  /**
   * False until the channel list was read from the cache or the server: the empty list before
   * that says nothing (whoever keeps exactly the joined channels, the search index, the unread
   * tracker and the offline keeper, waits for it rather than drop every channel).
   */
  readonly channelsKnown = new Observable(false);
  private readonly db: LocalDatabase;
  /** Bumped by every fetch and local change of a list: a fetch applies only if still newest. */
  private readonly generations: Record<StoreList, number> = {
    workspace: 0,
    channels: 0,
    people: 0,
  };
  private readonly changeListeners = new Set<(change: MetadataChanged) => void>();

  constructor(db: LocalDatabase = localDatabase) {
    this.db = db;
  }

  /**
   * Finds out who is signed in. The session cached on this device is shown at once (a warm open
   * renders from local data, waiting on no server); the server's answer, asked for in parallel,
   * then confirms it, replaces it (another person, new rights) or signs out. With no cached
   * session the page waits for that answer (offline it shows the sign-in screen), and the lists
   * are asked for meanwhile, not one round trip after it (a sign-in from a fresh profile): they
   * are shown once the answer says who is signed in; signed out, their refusals are dropped.
   */
  async start(): Promise<void> {
    const answer = api.session().then(
      (session) => ({ session }),
      (error: unknown) => ({ error }),
    );
    const shown = await this.showCachedSession();
    // Nothing on screen yet: the lists are asked for while the session's answer is awaited. With
    // a cached session shown they wait for it, as the warm first screen needs none of them.
    const lists = shown === null ? this.startFetches(STORE_LISTS) : null;
    const result = await answer;
    if ("session" in result) {
      if (shown === null || !sameSession(shown, result.session)) {
        await this.signedIn(result.session, lists);
        return;
      }
      // The same person with the same rights: nothing on screen changes.
      cacheSession(result.session);
      await this.refresh();
      return;
    }
    const { error } = result;
    if (error instanceof OfflineError) {
      // Offline with no session held here: only signing in can start.
      if (this.session.get().status === "loading") {
        this.session.set({ status: "signed-out", setUp: true });
      }
    } else if (error instanceof ApiError && error.code === "unauthenticated") {
      await this.signedOut();
    } else throw error;
  }

  /** Shows the session cached here and the lists cached with it, if there is one (null if not). */
  private async showCachedSession(): Promise<SessionView | null> {
    if (this.session.get().status === "signed-in") return null;
    // Read synchronously: when the page starts, its first render shows the signed-in screen.
    const cached = cachedSession() ?? (await this.movedSession());
    if (cached === null || this.session.get().status === "signed-in") return null;
    setCsrfToken(cached.csrfToken);
    this.session.set({ status: "signed-in", session: cached });
    await this.loadCached();
    return cached;
  }

  /** A session an earlier version cached in IndexedDB, moved to localStorage (null if none). */
  private async movedSession(): Promise<SessionView | null> {
    // An unreadable local database leaves the server's answer to decide.
    const old = await this.db.singletons.get("session").catch(() => undefined);
    if (old?.key !== "session") return null;
    cacheSession(old.value);
    await this.db.singletons.delete("session");
    return old.value;
  }

  /** Shows `session` and its lists: the cached ones, then those fetched (`lists`, if started). */
  async signedIn(session: SessionView, lists: StartedFetches | null = null): Promise<void> {
    // Again here: a cached session shown while the server answered may have set its own.
    setCsrfToken(session.csrfToken);
    cacheSession(session);
    this.session.set({ status: "signed-in", session });
    await this.loadCached();
    await this.refreshStarted(lists ?? this.startFetches(STORE_LISTS));
  }

  async signedOut(): Promise<void> {
    setCsrfToken(null);
    cacheSession(null);
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
    this.channelsKnown.set(true);
  }

  /**
   * Fetches the lists again (all by default); offline, the cached copies stay. Only the newest
   * fetch of a list is kept: an older one that answers late (or one started before a membership
   * change this page made or was told of) would put back what the server no longer says.
   */
  async refresh(lists: readonly StoreList[] = STORE_LISTS): Promise<void> {
    await this.refreshStarted(this.startFetches(lists));
  }

  /** Starts fetching `lists` now; each answer is kept only if still the newest when applied. */
  private startFetches(lists: readonly StoreList[]): StartedFetches {
    return lists.map((list) => {
      this.generations[list] += 1;
      const generation = this.generations[list];
      const applied = this.fetchList(list).then((keep) => async () => {
        if (generation === this.generations[list]) await keep();
      });
      // A fetch whose answer is never applied (the session turned out signed out) is no error.
      applied.catch(() => {});
      return applied;
    });
  }

  /** Waits for fetches started by `startFetches` and shows what they fetched. */
  private async refreshStarted(fetches: StartedFetches): Promise<void> {
    await Promise.all(
      fetches.map(async (fetched) => {
        try {
          await (await fetched)();
        } catch (error) {
          if (!(error instanceof OfflineError)) throw error;
        }
      }),
    );
  }

  /** The server said metadata this person sees changed (sync/metadata-signals.ts). */
  async metadataChanged(change: MetadataChanged): Promise<void> {
    for (const listener of this.changeListeners) listener(change);
    await this.refresh(STORE_LISTS.filter((list) => change.lists.includes(list)));
  }

  /** Tells `listener` of every metadata change, for views that fetch lists of their own. */
  onMetadataChanged(listener: (change: MetadataChanged) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /**
   * Fetches one list; the function it answers shows what was fetched, then caches it, unless it
   * is what is shown already (a warm open: nothing to re-render or write while the first screen
   * shows).
   */
  private async fetchList(list: StoreList): Promise<() => Promise<void>> {
    switch (list) {
      case "workspace": {
        const workspace = await api.workspace();
        return async () => {
          if (sameJson(this.workspace.get(), workspace)) return;
          this.workspace.set(workspace);
          await this.db.singletons.put({ key: "workspace", value: workspace });
        };
      }
      case "channels": {
        const channels = await api.channels();
        return async () => {
          this.channelsKnown.set(true);
          if (sameJson(this.channels.get(), channels)) return;
          this.channels.set(channels);
          await this.db.transaction("rw", this.db.channels, async () => {
            await this.db.channels.clear();
            await this.db.channels.bulkPut(channels);
          });
        };
      }
      case "people": {
        const [users, agents] = await Promise.all([api.users(), api.agents()]);
        const people = [...users, ...agents.filter((a) => !users.some((u) => u.id === a.id))];
        return async () => {
          if (sameJson(this.people.get(), people)) return;
          this.people.set(people);
          await this.db.transaction("rw", this.db.people, async () => {
            await this.db.people.clear();
            await this.db.people.bulkPut(people);
          });
        };
      }
    }
  }

  /** The server ended this person's membership of a channel: it leaves the sidebar at once. */
  async membershipEnded(channelId: string): Promise<void> {
    const channel = this.channels.get().find((c) => c.id === channelId);
    if (channel !== undefined) await this.putChannel({ ...channel, joined: false });
  }

  /** Replaces one channel after a join, leave or creation. */
  async putChannel(channel: ChannelView): Promise<void> {
    // A channel list fetched before this change no longer holds.
    this.generations.channels += 1;
    await this.db.channels.put(channel);
    const others = this.channels.get().filter((c) => c.id !== channel.id);
    this.channels.set([...others, channel].sort((a, b) => a.name.localeCompare(b.name)));
  }
}
