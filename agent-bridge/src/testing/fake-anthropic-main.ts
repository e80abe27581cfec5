// `scripts/fake-anthropic`: runs the fake Anthropic Messages API for demos,
// so agents answer (with a canned, streamed Markdown reply) without an API
// key or network. Prints the base URL to use as ANTHROPIC_BASE_URL.
import { parseArgs } from "node:util";
import { type FakeScenario, startFakeAnthropic } from "./fake-anthropic-server.ts";

const HELP = `Usage: scripts/fake-anthropic [--port N] [--tokens-per-second N] [--help]

Runs a local stand-in for the Anthropic Messages API (streaming), for demos
and manual testing. Every request gets the same canned Markdown reply,
streamed word by word.

  --port N                 port to listen on (default 8790; 0 picks a free one)
  --tokens-per-second N    streaming speed (default 30)

Then start OpenVibe with:
  ANTHROPIC_API_KEY=fake ANTHROPIC_BASE_URL=<printed URL> ./scripts/start`;

const DEMO_REPLY = `Hi! I'm the **fake model** that OpenVibe uses for demos, so this reply costs nothing.

Here is what a real agent would do with your question:

1. read this thread, the channel's topic and pinned messages;
2. stream its answer here, token by token, for everyone in the channel;
3. show the model and token usage when it is done.

Set \`ANTHROPIC_API_KEY\` (without \`ANTHROPIC_BASE_URL\`) to talk to Claude instead.`;

function wholeNumber(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`${name} must be a whole number, got "${value}"`);
    process.exit(64);
  }
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string" },
      "tokens-per-second": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const port = wholeNumber(values.port, "--port", 8790);
  const rate = wholeNumber(values["tokens-per-second"], "--tokens-per-second", 30);
  const scenario: FakeScenario = {
    kind: "reply",
    tokens: DEMO_REPLY.split(/(?<=\s)/),
    tokenDelayMs: rate === 0 ? 0 : Math.round(1000 / rate),
  };
  const fake = await startFakeAnthropic(scenario, { port });
  console.log(`Fake Anthropic API listening. Use:\n  ANTHROPIC_BASE_URL=${fake.url}`);
  const stop = () => void fake.close().then(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

await main();
