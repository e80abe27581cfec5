// Chat-like text for `ovb generate`: thread titles and message bodies of varied length (a word,
// a line, a few sentences, now and then paragraphs), sometimes mentioning other people. Made of
// common team-chat words, so searching for them finds generated messages.
import type { prng } from "../seeded-random.ts";

export type Random = ReturnType<typeof prng>;

const SUBJECTS = [
  "the deploy",
  "the release",
  "the migration",
  "the sync server",
  "search",
  "the mobile build",
  "the login page",
  "the billing job",
  "our staging box",
  "the importer",
  "the backup schedule",
  "the onboarding flow",
  "the websocket reconnect",
  "the dashboard",
  "the nightly tests",
  "the design review",
];

const VERBS = [
  "is failing again",
  "looks good to me",
  "needs another review",
  "is blocked on the schema change",
  "got slower since Tuesday",
  "should ship this week",
  "broke after the upgrade",
  "works on my machine",
  "needs a feature flag",
  "is ready for QA",
  "timed out twice this morning",
  "could use a retry with backoff",
];

const FOLLOW_UPS = [
  "Can someone take a look?",
  "I pushed a fix, please check the branch.",
  "Logs are in the usual place.",
  "Let's pair on it after lunch.",
  "Rolling back for now.",
  "I opened a ticket for it.",
  "Not urgent, but worth a look before Friday.",
  "Numbers look much better with the cache warm.",
  "The flaky test is back, same stack trace.",
  "Agreed, let's keep it simple.",
];

const SHORT_REPLIES = [
  "ok",
  "thanks!",
  "done",
  "on it",
  "+1",
  "lgtm",
  "nice",
  "will do",
  "agreed",
  "ship it",
];

const TITLE_TOPICS = [
  "Release planning",
  "Flaky tests",
  "Search relevance",
  "Onboarding feedback",
  "Incident review",
  "Q3 roadmap",
  "Performance budget",
  "Design critique",
  "Database upgrade",
  "Support rotation",
  "Mobile crashes",
  "Pricing page copy",
];

export const REACTION_EMOJI = ["👍", "🎉", "❤️", "👀", "😂", "🚀", "✅", "🙏"] as const;

function sentence(random: Random): string {
  const subject = random.pick(SUBJECTS);
  const text = `${subject} ${random.pick(VERBS)}`;
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

function sentences(random: Random, count: number): string {
  const parts: string[] = [];
  for (let i = 0; i < count; i++)
    parts.push(random.next() < 0.6 ? sentence(random) : random.pick(FOLLOW_UPS));
  return parts.join(" ");
}

export function threadTitle(random: Random): string {
  const topic = random.pick(TITLE_TOPICS);
  return random.next() < 0.5 ? topic : `${topic}: ${random.pick(SUBJECTS)}`;
}

/**
 * A message body: a short reply, a sentence or two, or (rarely) several paragraphs;
 * `mention` (a handle) is worked in when given.
 */
export function messageBody(random: Random, mention: string | null): string {
  const roll = random.next();
  let body: string;
  if (roll < 0.15) body = random.pick(SHORT_REPLIES);
  else if (roll < 0.8) body = sentences(random, 1 + random.int(2));
  else if (roll < 0.97) body = sentences(random, 3 + random.int(4));
  else {
    const paragraphs: string[] = [];
    for (let i = 2 + random.int(4); i > 0; i--)
      paragraphs.push(sentences(random, 3 + random.int(5)));
    body = paragraphs.join("\n\n");
  }
  return mention === null ? body : `@${mention} ${body}`;
}

/** What an author changes when editing a message: a correction added at the end. */
export function editedBody(random: Random, body: string): string {
  return `${body} (edit: ${random.pick(FOLLOW_UPS).toLowerCase()})`;
}

export function forkTitle(random: Random): string {
  return `Side track: ${random.pick(SUBJECTS)}`;
}

export function resolutionText(random: Random): string {
  return `Decided: ${sentence(random).toLowerCase()} ${random.pick(FOLLOW_UPS)}`;
}
