import { describe, expect, it } from "vitest";
import { readToolsText, toolsText } from "./tools-text.ts";

const LIMITS = {
  maxCallsPerReply: 8,
  callTimeoutMs: 30_000,
  maxResultBytes: 16_000,
  approvalTimeoutMs: 300_000,
};

describe("the tools text", () => {
  it("leaves header values out, so the stored ones are kept", () => {
    const server = {
      name: "docs",
      transport: "http" as const,
      url: "https://mcp.example/mcp",
      headerName: "Authorization",
      tools: { delete: "ask" as const },
      otherTools: "allowed" as const,
    };
    const builtin = { remember: "ask" as const };
    const text = toolsText({
      servers: [{ ...server, headerValueSet: true }],
      limits: LIMITS,
      builtin,
    });
    expect(text).not.toContain("headerValue");
    expect(readToolsText(text)).toEqual({
      request: { servers: [server], limits: LIMITS, builtin },
    });
  });

  it("says what is wrong, by field", () => {
    expect(readToolsText("{")).toMatchObject({ problem: expect.stringContaining("Not JSON") });
    expect(
      readToolsText('{"servers":[{"name":"Bad!","transport":"stdio","command":"x"}]}'),
    ).toEqual({
      problem: expect.stringContaining("servers.0.name: a server name is 1-20"),
    });
  });
});
