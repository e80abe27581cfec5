// A tool that gave no answer within its time, as a tool's own client reports it: the MCP SDK's
// request timeout backs up the caller's deadline (tool-call.ts), and under load it can fire first.
export class ToolTimeoutError extends Error {
  constructor() {
    super("the tool gave no answer in time");
    this.name = "ToolTimeoutError";
  }
}
