// Slack's message markup to the Markdown OpenVibe shows: <@U123> mentions become @handle,
// <#C123|name> channel links #name, <url|label> links [label](url), and the three escaped
// characters (&amp; &lt; &gt;) plain again.

/** A few common reaction names as the emoji themselves; others stay :name:. */
const EMOJI: Record<string, string> = {
  "+1": "👍",
  thumbsup: "👍",
  "-1": "👎",
  thumbsdown: "👎",
  heart: "❤️",
  smile: "😄",
  joy: "😂",
  tada: "🎉",
  eyes: "👀",
  rocket: "🚀",
  white_check_mark: "✅",
  fire: "🔥",
  pray: "🙏",
  thinking_face: "🤔",
  clap: "👏",
  "100": "💯",
};

export function slackEmoji(name: string): string {
  const base = name.replace(/::skin-tone-\d$/, "");
  return EMOJI[base] ?? `:${base}:`.slice(0, 32);
}

export function slackMarkupToMarkdown(
  text: string,
  handles: ReadonlyMap<string, string>,
  channelNames: ReadonlyMap<string, string>,
): string {
  const converted = text.replace(/<([^<>]*)>/g, (_, inner: string) => {
    const [target = "", label] = inner.split("|", 2);
    if (target.startsWith("@")) {
      const handle = handles.get(target.slice(1));
      return handle === undefined ? `@${label ?? target.slice(1)}` : `@${handle}`;
    }
    if (target.startsWith("#"))
      return `#${channelNames.get(target.slice(1)) ?? label ?? target.slice(1)}`;
    if (target.startsWith("!")) return `@${label ?? target.slice(1).split("^")[0]}`;
    return label === undefined ? target : `[${label}](${target})`;
  });
  return converted.replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&");
}
