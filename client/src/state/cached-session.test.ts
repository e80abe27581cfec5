// The session cached in localStorage: what a page shows before the server answers, and the
// move of a session an earlier version cached in IndexedDB, so an upgraded device offline still
// opens signed in.
import "fake-indexeddb/auto";
import type { SessionView } from "@openvibe/schema";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { LocalDatabase } from "../local/database.ts";
import { memoryStorage } from "../offline/memory-storage.ts";
import { cachedSession, cacheSession } from "./cached-session.ts";
import { WorkspaceStore } from "./workspace-store.ts";

const session: SessionView = {
  user: {
    id: "u1",
    kind: "human",
    handle: "ada",
    displayName: "Ada",
    avatarColor: "#123456",
    role: "member",
    status: "active",
    createdAt: "2026-12-01T00:00:00.000Z",
  },
  csrfToken: "csrf",
  expiresAt: "2027-01-01T00:00:00.000Z",
};

let run = 0;

describe("the cached session", () => {
  beforeEach(() => {
    vi.stubGlobal("localStorage", memoryStorage());
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("is read back as cached, and forgotten on sign-out", () => {
    expect(cachedSession()).toBeNull();
    cacheSession(session);
    expect(cachedSession()).toEqual(session);
    cacheSession(null);
    expect(cachedSession()).toBeNull();
  });

  it("reads as none when what is stored is not a session", () => {
    for (const stored of [
      "{",
      "null",
      "[]",
      '{"user":{},"csrfToken":"x"}',
      '{"user":{"id":"u"}}',
    ]) {
      localStorage.setItem("openvibe:session", stored);
      expect(cachedSession()).toBeNull();
    }
  });

  it("shows a session an earlier version cached in IndexedDB, offline, and moves it", async () => {
    run += 1;
    const db = new LocalDatabase(`cached-session-${run}`);
    await db.singletons.put({ key: "session", value: session });
    // Offline: every request fails as fetch does with no network.
    vi.stubGlobal("fetch", () => Promise.reject(new TypeError("Failed to fetch")));

    const store = new WorkspaceStore(db);
    await store.start();

    expect(store.session.get()).toEqual({ status: "signed-in", session });
    expect(cachedSession()).toEqual(session);
    expect(await db.singletons.get("session")).toBeUndefined();
    db.close();
  });
});
