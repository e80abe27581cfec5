// Permission-matrix rows for the agent bridges' task protocol: no person and
// no ordinary API key may use it (bridge keys are tested in the agent tests).
import { at, type Row, signedIn } from "./permission-table.ts";

const bridgesOnly = () =>
  signedIn({ admin: 403, member: 403, guest: 403, outsider: 403, agent: 403 });
const TASK = "01JZZZZZZZZZZZZZZZZZZZZZZZ";

export const BRIDGE_ROWS: Row[] = [
  {
    route: "POST /bridge/claim",
    expect: bridgesOnly(),
    request: () => ({ path: "/bridge/claim", body: { waitMs: 0 } }),
  },
  {
    route: "POST /bridge/tasks/:id/heartbeat",
    expect: bridgesOnly(),
    request: () => ({ path: `/bridge/tasks/${TASK}/heartbeat`, body: { attempt: 1 } }),
  },
  {
    route: "POST /bridge/tasks/:id/reply",
    expect: bridgesOnly(),
    request: () => ({ path: `/bridge/tasks/${TASK}/reply`, body: { attempt: 1, messageId: "m" } }),
  },
  {
    route: "POST /bridge/tasks/:id/finish",
    expect: bridgesOnly(),
    request: () => ({
      path: `/bridge/tasks/${TASK}/finish`,
      body: { attempt: 1, status: "completed" },
    }),
  },
  {
    route: "POST /bridge/tasks/:id/prompt",
    expect: bridgesOnly(),
    request: () => ({
      path: `/bridge/tasks/${TASK}/prompt`,
      body: {
        attempt: 1,
        provider: null,
        model: "m",
        messages: [],
        related: [],
        omittedMessages: 0,
      },
    }),
  },
  {
    route: "POST /bridge/tasks/:id/usage",
    expect: bridgesOnly(),
    request: () => ({
      path: `/bridge/tasks/${TASK}/usage`,
      body: { attempt: 1, inputTokens: 1, outputTokens: 1 },
    }),
  },
  {
    route: "GET /bridge/tasks/:id/search",
    expect: bridgesOnly(),
    request: at(`/bridge/tasks/${TASK}/search?q=${encodeURIComponent("launch plans")}`),
  },
  {
    route: "GET /bridge/tasks/:id/thread",
    expect: bridgesOnly(),
    request: at(`/bridge/tasks/${TASK}/thread?channelId=c1&threadId=t1`),
  },
  {
    route: "GET /bridge/tasks/:id/files/:fileId",
    expect: bridgesOnly(),
    request: at(`/bridge/tasks/${TASK}/files/f1`),
  },
];
