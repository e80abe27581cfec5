// A remark plugin that sets @mentions apart in message text: each mention (found by the same
// rule the document uses, mentionSpans) becomes a span with class "mention", plus
// "mention-self" when it names the reader. Code is left alone (it is not a text node).
import { mentionSpans } from "@openvibe/schema";

interface MarkdownNode {
  type: string;
  value?: string;
  children?: MarkdownNode[];
  data?: { hName?: string; hProperties?: Record<string, unknown> };
}

function mentionNode(typed: string, handle: string, readerHandle: string | null): MarkdownNode {
  const self = readerHandle !== null && handle === readerHandle.toLowerCase();
  return {
    type: "mention",
    children: [{ type: "text", value: typed }],
    data: {
      hName: "span",
      hProperties: { className: self ? ["mention", "mention-self"] : ["mention"] },
    },
  };
}

function splitText(node: MarkdownNode, readerHandle: string | null): MarkdownNode[] {
  const text = node.value ?? "";
  const spans = mentionSpans(text);
  if (spans.length === 0) return [node];
  const parts: MarkdownNode[] = [];
  let at = 0;
  for (const span of spans) {
    if (span.start > at) parts.push({ type: "text", value: text.slice(at, span.start) });
    parts.push(mentionNode(text.slice(span.start, span.end), span.handle, readerHandle));
    at = span.end;
  }
  if (at < text.length) parts.push({ type: "text", value: text.slice(at) });
  return parts;
}

function visit(node: MarkdownNode, readerHandle: string | null): void {
  if (node.children === undefined) return;
  node.children = node.children.flatMap((child) => {
    if (child.type === "text") return splitText(child, readerHandle);
    visit(child, readerHandle);
    return [child];
  });
}

/** `readerHandle`: the signed-in person's handle, whose mentions stand out. */
export function remarkMentions(options: { readerHandle: string | null }) {
  return (tree: MarkdownNode) => visit(tree, options.readerHandle);
}
