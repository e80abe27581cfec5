// What an operator watches: GET /ready, GET /metrics (Prometheus text, behind a bearer token or
// loopback only) counting what the server does, and housekeeping that purges what expired.
import { threadDocumentName } from "@openvibe/schema";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createInvite, revokeInvite } from "../src/accounts/invites.ts";
import { createSession } from "../src/accounts/sessions.ts";
import { recordAudit } from "../src/audit/audit-log.ts";
import { auditLog, invites, sessions } from "../src/db/schema.ts";
import { FINISHED_INVITE_GRACE_MS, purgeExpired } from "../src/housekeeping/housekeeping.ts";
import {
  LINK_PREVIEW_KEPT_MS,
  readStoredPreview,
  storePreview,
} from "../src/link-previews/link-preview-store.ts";
import { newThreadContent } from "./support/channel-replica.ts";
import { withDeadline } from "./support/deadline.ts";
import { connectPeer } from "./support/peers.ts";
import { webSocketToken } from "./support/socket-credentials.ts";
import { startTestServer } from "./support/test-server.ts";
import { pollUntil } from "./support/wait-for.ts";
import { seedWorkspace } from "./support/workspace-fixture.ts";

const TOKEN = "metrics-token-0123456789abcdef";

/** One metric's value from the exposition text (first sample matching `labels`). */
function sample(text: string, name: string, labels = ""): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${name}${labels} `));
  return line === undefined ? undefined : Number(line.split(" ").at(-1));
}

describe("observability", () => {
  it("answers /ready, and /metrics only with the bearer token when one is set", async () => {
    const { current: server } = await startTestServer({ OPENVIBE_METRICS_TOKEN: TOKEN });
    const ready = await fetch(`${server.url}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ready" });
    for (const authorization of [undefined, "Bearer wrong-token-0123456789abc", TOKEN]) {
      const refused = await fetch(`${server.url}/metrics`, {
        headers: authorization === undefined ? {} : { authorization },
      });
      expect(refused.status).toBe(401);
      expect(await refused.json()).toMatchObject({ error: { code: "unauthenticated" } });
    }
    const scraped = await fetch(`${server.url}/metrics`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(scraped.status).toBe(200);
    expect(scraped.headers.get("content-type")).toContain("text/plain");
    const text = await scraped.text();
    for (const name of [
      "openvibe_connections",
      "openvibe_documents_loaded",
      "openvibe_document_load_seconds",
      "openvibe_updates_in_total",
      "openvibe_write_refusals_total",
      "openvibe_search_queries_total",
      "openvibe_process_resident_memory_bytes",
      "openvibe_nodejs_eventloop_lag_seconds",
      "openvibe_nodejs_heap_size_used_bytes",
    ]) {
      expect(text, name).toContain(`# TYPE ${name} `);
    }
  });

  it("counts connections, updates, refusals, searches and agent tokens as they happen", async () => {
    // Compaction after every stored update, so one runs here.
    const { current: server } = await startTestServer({
      OPENVIBE_COMPACT_AFTER_UPDATES: "1",
      OPENVIBE_COMPACT_LOADED_AFTER_UPDATES: "1",
    });
    const seed = await seedWorkspace(server);
    const scrape = async () => (await fetch(`${server.url}/metrics`)).text();
    const before = await scrape();
    expect(sample(before, "openvibe_connections")).toBe(0);
    expect(sample(before, "openvibe_updates_in_total")).toBe(0);

    const member = connectPeer(server.websocketUrl, {
      token: await webSocketToken(seed.member.client),
    });
    // The channel is split: both open the new thread's document, the member writes it.
    const started = newThreadContent(
      { kind: "human", id: seed.member.user.id },
      { title: "counted", body: "one update" },
    );
    const name = threadDocumentName(seed.general.id, started.threadId);
    const channel = await member.openDocument(name);
    const viewerPeer = connectPeer(server.websocketUrl, { token: seed.agent.apiKey });
    const viewer = await viewerPeer.openDocument(name);
    Y.applyUpdate(channel.doc, started.update);
    await channel.acknowledged();
    await viewer.until("the thread on the viewer", () => viewer.doc.getMap("threads").size > 0);
    await seed.member.client.get("/api/search?q=update");
    // A forged write: refused by the guard.
    const closed = withDeadline(channel.closed, "the forger's connection to close");
    channel.doc.getMap("meta").set("schemaVersion", 99);
    await closed;

    // The channel document the server loads to write the thread's digest (within the index's
    // delay after the write that created the thread) goes once written.
    await pollUntil(
      "the channel document loaded for the digest, then the thread alone",
      async () => {
        const now = await scrape();
        return (
          (sample(now, "openvibe_document_load_seconds_count", '{kind="channel"}') ?? 0) >= 1 &&
          sample(now, "openvibe_documents_loaded") === 1
        );
      },
    );
    const after = await scrape();
    expect(sample(after, "openvibe_connections")).toBe(1);
    expect(sample(after, "openvibe_documents_loaded")).toBe(1);
    expect(sample(after, "openvibe_updates_in_total")).toBe(1);
    expect(sample(after, "openvibe_update_bytes_in_total")).toBeGreaterThan(100);
    expect(sample(after, "openvibe_updates_out_total")).toBeGreaterThanOrEqual(1);
    expect(sample(after, "openvibe_write_refusals_total", '{kind="refused"}')).toBe(1);
    expect(sample(after, "openvibe_search_queries_total")).toBe(1);
    expect(sample(after, "openvibe_model_tokens", '{direction="input"}')).toBe(0);
    expect(sample(after, "openvibe_stored_updates_total")).toBeGreaterThanOrEqual(1);
    expect(sample(after, "openvibe_stored_update_bytes_total")).toBeGreaterThan(100);
    // Every commit is timed: at least one, and never more commits than updates stored.
    const commits = sample(after, "openvibe_commit_seconds_count") ?? 0;
    expect(commits).toBeGreaterThanOrEqual(1);
    expect(commits).toBeLessThanOrEqual(sample(after, "openvibe_stored_updates_total") ?? 0);
    expect(sample(after, "openvibe_commit_seconds_sum")).toBeGreaterThan(0);
    // Each load is timed, by kind: the thread document, and the channel document the server
    // loaded to write the thread's digest.
    const loads = (kind: string) =>
      sample(after, "openvibe_document_load_seconds_count", `{kind="${kind}"}`);
    expect(loads("thread")).toBe(1);
    expect(loads("channel")).toBeGreaterThanOrEqual(1);
    expect(sample(after, "openvibe_document_load_seconds_sum", '{kind="thread"}')).toBeGreaterThan(
      0,
    );
    await pollUntil(
      "a compaction counted",
      async () =>
        (sample(await scrape(), "openvibe_compactions_total", '{outcome="done"}') ?? 0) >= 1,
    );
    // Once its last client leaves, a document is unloaded from memory.
    member.close();
    viewerPeer.close();
    await pollUntil(
      "the document unloaded",
      async () => sample(await scrape(), "openvibe_documents_loaded") === 0,
    );
  });

  it("serves /metrics without a token to loopback clients only", async () => {
    const { current: server } = await startTestServer({ HOST: "0.0.0.0" });
    const local = await fetch(`http://127.0.0.1:${server.port}/metrics`);
    expect(local.status).toBe(200);
    const address = Object.values((await import("node:os")).networkInterfaces())
      .flat()
      .find((i) => i?.family === "IPv4" && !i.internal)?.address;
    if (address === undefined) return; // a machine with loopback only cannot try another address
    const remote = await fetch(`http://${address}:${server.port}/metrics`);
    expect(remote.status).toBe(403);
  });

  it("purges expired sessions, finished invites, old audit entries and link previews, keeping the rest", async () => {
    const { current: server } = await startTestServer();
    const seed = await seedWorkspace(server);
    const ctx = server.ctx;
    const expired = createSession(ctx, seed.member.user.id, null).session;
    ctx.db
      .update(sessions)
      .set({ expiresAt: ctx.now() - 1 })
      .where(eq(sessions.id, expired.id))
      .run();
    const live = createSession(ctx, seed.member.user.id, null).session;
    recordAudit(ctx, { actorId: null, action: "old.entry", targetType: "user" });
    ctx.db
      .update(auditLog)
      .set({ createdAt: ctx.now() - 400 * 24 * 60 * 60 * 1000 })
      .where(eq(auditLog.action, "old.entry"))
      .run();
    recordAudit(ctx, { actorId: null, action: "new.entry", targetType: "user" });
    const preview = (url: string, fetchedAt: number) =>
      storePreview(ctx, {
        url,
        status: "ok",
        title: url,
        description: null,
        imageType: null,
        image: null,
        fetchedAt,
      });
    preview("https://old.example/", ctx.now() - LINK_PREVIEW_KEPT_MS - 1);
    preview("https://new.example/", ctx.now());

    const purged = purgeExpired(ctx, 365);
    expect(purged).toMatchObject({ sessions: 1, auditEntries: 1, linkPreviews: 1 });
    expect(readStoredPreview(ctx, "https://new.example/")?.title).toBe("https://new.example/");
    const ids = ctx.db
      .select({ id: sessions.id })
      .from(sessions)
      .all()
      .map((s) => s.id);
    expect(ids).toContain(live.id);
    expect(ids).not.toContain(expired.id);
    const actions = ctx.db.select({ action: auditLog.action }).from(auditLog).all();
    expect(actions.map((a) => a.action)).toContain("new.entry");
    expect(actions.map((a) => a.action)).not.toContain("old.entry");
  });

  it("purges on its own schedule while the server runs (OPENVIBE_HOUSEKEEPING_EVERY_MS)", async () => {
    const { current: server } = await startTestServer({
      OPENVIBE_HOUSEKEEPING_EVERY_MS: "1000",
      OPENVIBE_AUDIT_RETENTION_DAYS: "30",
    });
    const seed = await seedWorkspace(server);
    const ctx = server.ctx;
    const admin = seed.admin.user;
    const longAgo = ctx.now() - FINISHED_INVITE_GRACE_MS - 1000;
    const expired = createSession(ctx, seed.member.user.id, null).session;
    ctx.db
      .update(sessions)
      .set({ expiresAt: ctx.now() - 1 })
      .where(eq(sessions.id, expired.id))
      .run();
    const live = createSession(ctx, seed.member.user.id, null).session;
    const invite = (maxUses: number | null) =>
      createInvite(ctx, admin, { role: "member", expiresInHours: 24, maxUses }).invite.id;
    const lapsed = invite(null);
    ctx.db.update(invites).set({ expiresAt: longAgo }).where(eq(invites.id, lapsed)).run();
    const usedUp = invite(1);
    ctx.db.update(invites).set({ uses: 1, createdAt: longAgo }).where(eq(invites.id, usedUp)).run();
    const revoked = invite(null);
    revokeInvite(ctx, admin, revoked);
    ctx.db.update(invites).set({ revokedAt: longAgo }).where(eq(invites.id, revoked)).run();
    const recentlyRevoked = invite(null);
    revokeInvite(ctx, admin, recentlyRevoked);
    const open = invite(5);
    recordAudit(ctx, { actorId: null, action: "old.entry", targetType: "user" });
    ctx.db
      .update(auditLog)
      .set({ createdAt: ctx.now() - 31 * 24 * 60 * 60 * 1000 })
      .where(eq(auditLog.action, "old.entry"))
      .run();

    // Nothing called here: the server's own timer does it (a run may come between the changes
    // above, so wait for the one that has seen them all).
    const ids = <T extends { id: string }>(rows: T[]) => rows.map((row) => row.id);
    const sessionIds = () => ids(ctx.db.select({ id: sessions.id }).from(sessions).all());
    const inviteIds = () => ids(ctx.db.select({ id: invites.id }).from(invites).all());
    const actions = () =>
      ctx.db
        .select({ action: auditLog.action })
        .from(auditLog)
        .all()
        .map((row) => row.action);
    await pollUntil(
      "the scheduled purge",
      async () =>
        !sessionIds().includes(expired.id) &&
        [lapsed, usedUp, revoked].every((id) => !inviteIds().includes(id)) &&
        !actions().includes("old.entry"),
      10_000,
    );
    expect(sessionIds()).toContain(live.id);
    expect(inviteIds()).toEqual(expect.arrayContaining([recentlyRevoked, open]));
    expect(actions()).toContain("invite.created");
  });
});
