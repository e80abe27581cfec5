// The MCP connection as the tool loop uses it, against a real MCP server over stdio: when the
// SDK's own request timeout (the backup of the caller's deadline) ends a call, the loop learns
// that the tool gave no answer in time, not an SDK error code (under load it can fire first).
import { describe, expect, it } from "vitest";
import { connectMcp } from "../src/tools/mcp-connection.ts";
import { ToolTimeoutError } from "../src/tools/tool-timeout.ts";
import { STDIO_SERVER } from "./support/tool-world.ts";

describe("an MCP connection", () => {
  it("reports a call its SDK timed out as a tool that gave no answer in time", async () => {
    const connection = await connectMcp(
      { ...STDIO_SERVER, transport: "stdio", tools: {}, otherTools: "allowed" },
      new AbortController().signal,
      10_000,
    );
    try {
      const neverAborted = new AbortController().signal;
      await expect(connection.call("hang", {}, neverAborted, 50)).rejects.toBeInstanceOf(
        ToolTimeoutError,
      );
    } finally {
      await connection.close();
    }
  });
});
