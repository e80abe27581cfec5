import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.ts";

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(env, "/srv/openvibe");
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error("expected the configuration to be refused");
}

describe("loadConfig", () => {
  it("uses the documented defaults", () => {
    const config = loadConfig({}, "/srv/openvibe");
    expect(config).toMatchObject({
      port: 8787,
      host: "127.0.0.1",
      dataDir: "/srv/openvibe/data",
      logLevel: "info",
      compactAfterUpdates: 1000,
      compactLoadedAfterUpdates: 10_000,
      sqliteSynchronous: "full",
    });
  });

  it("resolves a relative data directory against the working directory", () => {
    expect(loadConfig({ OPENVIBE_DATA_DIR: "var/ov" }, "/srv/openvibe").dataDir).toBe(
      "/srv/openvibe/var/ov",
    );
  });

  it("treats empty variables as unset", () => {
    expect(loadConfig({ PORT: "" }, "/srv").port).toBe(8787);
  });

  it("names the variable, the bad value and what to use instead", () => {
    const [problem] = problemsOf({ PORT: "eighty" });
    expect(problem).toContain("PORT must be a whole number");
    expect(problem).toContain('"eighty"');
  });

  it("reports every problem at once", () => {
    const problems = problemsOf({
      PORT: "70000",
      OPENVIBE_LOG_LEVEL: "loud",
      OPENVIBE_SQLITE_SYNCHRONOUS: "off",
    });
    expect(problems).toHaveLength(3);
    expect(problems.join("\n")).toMatch(/PORT must be between 0 and 65535/);
    expect(problems.join("\n")).toMatch(/OPENVIBE_LOG_LEVEL must be one of/);
    expect(problems.join("\n")).toMatch(/OPENVIBE_SQLITE_SYNCHRONOUS must be "full"/);
  });

  it("refuses a compaction threshold of zero", () => {
    expect(problemsOf({ OPENVIBE_COMPACT_AFTER_UPDATES: "0" })[0]).toMatch(
      /OPENVIBE_COMPACT_AFTER_UPDATES must be between 1/,
    );
  });

  it("lets a loaded document's tail grow ten times longer unless told, never shorter", () => {
    expect(loadConfig({ OPENVIBE_COMPACT_AFTER_UPDATES: "50" }).compactLoadedAfterUpdates).toBe(
      500,
    );
    expect(
      loadConfig({
        OPENVIBE_COMPACT_AFTER_UPDATES: "50",
        OPENVIBE_COMPACT_LOADED_AFTER_UPDATES: "50",
      }).compactLoadedAfterUpdates,
    ).toBe(50);
    expect(
      problemsOf({
        OPENVIBE_COMPACT_AFTER_UPDATES: "50",
        OPENVIBE_COMPACT_LOADED_AFTER_UPDATES: "49",
      }),
    ).toEqual([
      'OPENVIBE_COMPACT_LOADED_AFTER_UPDATES must be at least OPENVIBE_COMPACT_AFTER_UPDATES (a loaded document compacts no more often than one nobody has open) (got "49")',
    ]);
  });

  it("polls the access-change journal every 500 ms unless told, and refuses a zero interval", () => {
    expect(loadConfig({}, "/srv").accessChangePollMs).toBe(500);
    expect(problemsOf({ OPENVIBE_ACCESS_CHANGE_POLL_MS: "0" })[0]).toMatch(
      /OPENVIBE_ACCESS_CHANGE_POLL_MS must be between 20/,
    );
  });

  it("takes the public address as an origin, and refuses one with a path or another scheme", () => {
    expect(loadConfig({}, "/srv").publicUrl).toBeNull();
    expect(loadConfig({ OPENVIBE_PUBLIC_URL: "https://Chat.Example.com/" }, "/srv").publicUrl).toBe(
      "https://chat.example.com",
    );
    for (const bad of ["chat.example.com", "ftp://chat.example.com", "https://x.org/chat"]) {
      expect(problemsOf({ OPENVIBE_PUBLIC_URL: bad })[0]).toMatch(/OPENVIBE_PUBLIC_URL must be/);
    }
  });

  it("takes trusted proxies as addresses or subnets, and refuses anything else by name", () => {
    expect(loadConfig({}, "/srv").trustedProxies).toEqual([]);
    expect(
      loadConfig({ OPENVIBE_TRUSTED_PROXIES: " 127.0.0.1, 10.0.0.0/8,::1 " }, "/srv")
        .trustedProxies,
    ).toEqual(["127.0.0.1", "10.0.0.0/8", "::1"]);
    for (const bad of ["localhost", "10.0.0.0/33", "1.2.3.4/x", "::1/129"]) {
      expect(problemsOf({ OPENVIBE_TRUSTED_PROXIES: bad })[0]).toMatch(
        /OPENVIBE_TRUSTED_PROXIES must be a comma-separated list of addresses or subnets/,
      );
    }
  });

  it("takes the link-preview limits with documented defaults, and an allowlist of addresses only", () => {
    expect(loadConfig({}, "/srv").linkPreviews).toEqual({
      allow: [],
      timeoutMs: 5_000,
      maxBytes: 1024 * 1024,
      maxRedirects: 3,
    });
    expect(
      loadConfig({ OPENVIBE_LINK_PREVIEW_ALLOW: "127.0.0.1, ::1,10.9.0.0/16" }, "/srv").linkPreviews
        .allow,
    ).toEqual(["127.0.0.1", "::1", "10.9.0.0/16"]);
    for (const bad of ["localhost", "*", "10.0.0.0/33"]) {
      expect(problemsOf({ OPENVIBE_LINK_PREVIEW_ALLOW: bad })[0]).toMatch(
        /OPENVIBE_LINK_PREVIEW_ALLOW must be a comma-separated list of addresses or subnets/,
      );
    }
    expect(problemsOf({ OPENVIBE_LINK_PREVIEW_TIMEOUT_MS: "0" })[0]).toMatch(
      /OPENVIBE_LINK_PREVIEW_TIMEOUT_MS must be between 100 and 60000/,
    );
    expect(problemsOf({ OPENVIBE_LINK_PREVIEW_MAX_REDIRECTS: "11" })[0]).toMatch(
      /OPENVIBE_LINK_PREVIEW_MAX_REDIRECTS/,
    );
  });

  it("takes the rate of new threads with documented defaults, and refuses a zero or a fraction by name", () => {
    expect(loadConfig({}, "/srv")).toMatchObject({ newThreadsPerMinute: 6, newThreadsBurst: 60 });
    expect(
      loadConfig(
        { OPENVIBE_NEW_THREADS_PER_MINUTE: "30", OPENVIBE_NEW_THREADS_BURST: "200" },
        "/srv",
      ),
    ).toMatchObject({ newThreadsPerMinute: 30, newThreadsBurst: 200 });
    expect(problemsOf({ OPENVIBE_NEW_THREADS_PER_MINUTE: "0" })[0]).toMatch(
      /OPENVIBE_NEW_THREADS_PER_MINUTE must be between 1 and 100000 \(new thread documents one person or agent may create per minute.*\(got "0"\)/,
    );
    expect(problemsOf({ OPENVIBE_NEW_THREADS_BURST: "2.5" })[0]).toMatch(
      /OPENVIBE_NEW_THREADS_BURST must be a whole number .*\(got "2.5"\)/,
    );
  });

  it("bounds sockets and what they may send before authenticating, with documented defaults", () => {
    expect(loadConfig({}, "/srv")).toMatchObject({
      maxSockets: 10_000,
      maxSocketsPerAddress: 100,
      unauthenticatedBytes: 1024 * 1024,
      unauthenticatedTotalBytes: 64 * 1024 * 1024,
      unauthenticatedTimeoutMs: 10_000,
      maxDocumentsPerPerson: 5_000,
    });
    expect(problemsOf({ OPENVIBE_MAX_OPEN_DOCUMENTS_PER_PERSON: "5" })[0]).toMatch(
      /OPENVIBE_MAX_OPEN_DOCUMENTS_PER_PERSON must be between 10/,
    );
    expect(problemsOf({ OPENVIBE_MAX_SOCKETS_PER_ADDRESS: "0" })[0]).toMatch(
      /OPENVIBE_MAX_SOCKETS_PER_ADDRESS must be between 1/,
    );
    expect(problemsOf({ OPENVIBE_UNAUTHENTICATED_TIMEOUT_MS: "10" })[0]).toMatch(
      /OPENVIBE_UNAUTHENTICATED_TIMEOUT_MS must be between 100/,
    );
    expect(
      problemsOf({
        OPENVIBE_UNAUTHENTICATED_BYTES: "2097152",
        OPENVIBE_UNAUTHENTICATED_TOTAL_BYTES: "1048576",
      })[0],
    ).toMatch(
      /OPENVIBE_UNAUTHENTICATED_TOTAL_BYTES must be at least OPENVIBE_UNAUTHENTICATED_BYTES.*got "1048576"/,
    );
  });

  it("takes the operations settings (backups, housekeeping, metrics token) with documented defaults", () => {
    expect(loadConfig({}, "/srv")).toMatchObject({
      backupEveryMs: null,
      backupKeep: 7,
      housekeepingEveryMs: 3_600_000,
      auditRetentionDays: 365,
      metricsToken: null,
    });
    expect(
      loadConfig({ OPENVIBE_BACKUP_EVERY: "6h", OPENVIBE_BACKUP_KEEP: "14" }, "/srv"),
    ).toMatchObject({ backupEveryMs: 6 * 3_600_000, backupKeep: 14 });
    expect(loadConfig({ OPENVIBE_BACKUP_EVERY: "1d" }, "/srv").backupEveryMs).toBe(86_400_000);
    expect(loadConfig({ OPENVIBE_BACKUP_EVERY: "off" }, "/srv").backupEveryMs).toBeNull();
    expect(problemsOf({ OPENVIBE_BACKUP_EVERY: "30s" })[0]).toMatch(/at least 1m/);
    expect(problemsOf({ OPENVIBE_BACKUP_EVERY: "hourly" })[0]).toMatch(/OPENVIBE_BACKUP_EVERY/);
    expect(problemsOf({ OPENVIBE_BACKUP_KEEP: "0" })[0]).toMatch(/OPENVIBE_BACKUP_KEEP/);
    expect(problemsOf({ OPENVIBE_HOUSEKEEPING_EVERY_MS: "10" })[0]).toMatch(
      /OPENVIBE_HOUSEKEEPING_EVERY_MS/,
    );
    expect(problemsOf({ OPENVIBE_METRICS_TOKEN: "short" })[0]).toMatch(/at least 16 characters/);
  });

  it("keeps files under the data directory unless told of a bucket, and collects orphans after a day", () => {
    expect(loadConfig({}, "/srv").files).toEqual({
      store: { kind: "fs" },
      orphanGraceMs: 86_400_000,
    });
    expect(
      loadConfig(
        {
          OPENVIBE_FILE_STORE: "s3",
          OPENVIBE_S3_BUCKET: "team-files",
          OPENVIBE_S3_ENDPOINT: "http://127.0.0.1:9000",
          OPENVIBE_FILE_ORPHAN_GRACE: "30m",
        },
        "/srv",
      ).files,
    ).toEqual({
      store: {
        kind: "s3",
        bucket: "team-files",
        region: "us-east-1",
        prefix: "",
        endpoint: "http://127.0.0.1:9000",
      },
      orphanGraceMs: 1_800_000,
    });
    expect(problemsOf({ OPENVIBE_FILE_STORE: "s3" })[0]).toMatch(/OPENVIBE_S3_BUCKET must name/);
    expect(problemsOf({ OPENVIBE_FILE_STORE: "disk" })[0]).toMatch(/OPENVIBE_FILE_STORE must be/);
    expect(problemsOf({ OPENVIBE_FILE_ORPHAN_GRACE: "soon" })[0]).toMatch(
      /OPENVIBE_FILE_ORPHAN_GRACE must be a duration/,
    );
  });
});
