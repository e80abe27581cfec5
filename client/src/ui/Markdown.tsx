// Message bodies as Markdown, safely: no raw HTML is ever rendered (HTML in a
// message shows as text), link URLs go through react-markdown's allow-list
// (http, https, mailto...; "javascript:" becomes empty) and open in a new tab
// without access to this page.
import type { ReactNode } from "react";
import ReactMarkdown, { type Components } from "react-markdown";

const components: Components = {
  a: ({ href, children }) => (
    <a href={href} target="_blank" rel="noopener noreferrer nofollow">
      {children}
    </a>
  ),
  img: ({ alt }) => <span className="image-alt">{alt}</span>,
};

export function Markdown({ text }: { text: string }): ReactNode {
  return (
    <div className="markdown">
      <ReactMarkdown components={components} skipHtml={false}>
        {text}
      </ReactMarkdown>
    </div>
  );
}
