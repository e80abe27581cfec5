import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["{schema,sync-provider,sync-server,agent-bridge,client,scripts}/**/*.test.ts"],
    exclude: ["**/node_modules/**", "**/dist/**"],
    // Two files at a time on two cores (vitest's default leaves one core idle): most files spend
    // their time waiting on servers, sockets and Chromium, so the suite takes about 20% less.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 30_000,
    dangerouslyIgnoreUnhandledErrors: false,
    globalSetup: ["client/test/global-setup.ts"],
  },
});
