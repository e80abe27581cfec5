// Message bodies as Markdown, safely: no raw HTML is ever rendered (HTML in a
// message shows as text), link URLs go through react-markdown's allow-list
// (http, https, mailto...; "javascript:" becomes empty) and open in a new tab
// without access to this page. GitHub's flavour (remark-gfm) turns bare URLs
// into links and adds tables and strikethrough; a new line in the composer is a
// new line on screen (remark-breaks), as in every chat; @mentions are set
// apart, the reader's own more so. Its own chunk, loaded lazily (Markdown.tsx).
import { type ReactNode, useMemo } from "react";
import ReactMarkdown, { type Components, type Options } from "react-markdown";
import remarkBreaks from "remark-breaks";
import remarkGfm from "remark-gfm";
import type { MarkdownProps } from "./Markdown.tsx";
import { remarkMentions } from "./remark-mentions.ts";

const components: Components = {
  a: ({ href, children }) => (
    <a href={href} target="_blank" rel="noopener noreferrer nofollow">
      {children}
    </a>
  ),
  img: ({ alt }) => <span className="image-alt">{alt}</span>,
};

export default function RichMarkdown(props: MarkdownProps): ReactNode {
  const readerHandle = props.readerHandle ?? null;
  const plugins: Options["remarkPlugins"] = useMemo(
    () => [remarkGfm, remarkBreaks, [remarkMentions, { readerHandle }]],
    [readerHandle],
  );
  return (
    <div className="markdown">
      <ReactMarkdown components={components} skipHtml={false} remarkPlugins={plugins}>
        {props.text}
      </ReactMarkdown>
    </div>
  );
}
