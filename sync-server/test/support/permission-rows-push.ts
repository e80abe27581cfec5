// Permission-matrix rows for web push: people with a browser session may read the VAPID key and
// save or delete their own subscriptions; API keys (agents) may not.
import { createECDH, randomBytes } from "node:crypto";
import { at, type Row, signedIn } from "./permission-table.ts";
import { fresh } from "./permission-world.ts";

const browserKey = createECDH("prime256v1");
browserKey.generateKeys();

const subscription = (endpoint: string) => ({
  endpoint,
  expirationTime: null,
  keys: {
    p256dh: browserKey.getPublicKey().toString("base64url"),
    auth: randomBytes(16).toString("base64url"),
  },
});

export const PUSH_ROWS: Row[] = [
  { route: "GET /push/key", expect: signedIn({ agent: 403 }), request: at("/push/key") },
  {
    route: "POST /push/subscriptions",
    expect: signedIn({ agent: 403 }),
    request: () => ({
      path: "/push/subscriptions",
      body: subscription(`https://push.example/${fresh("subscription")}`),
    }),
  },
  {
    route: "DELETE /push/subscriptions",
    expect: signedIn({ agent: 403 }),
    request: () => ({
      path: "/push/subscriptions",
      body: { endpoint: `https://push.example/${fresh("subscription")}` },
    }),
  },
];
