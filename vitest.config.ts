import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["{schema,sync-server,agent-bridge,client,scripts}/**/*.test.ts"],
    exclude: ["**/node_modules/**", "**/dist/**"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    dangerouslyIgnoreUnhandledErrors: false,
    globalSetup: ["client/test/global-setup.ts"],
  },
});
