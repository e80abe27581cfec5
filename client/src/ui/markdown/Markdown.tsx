// A message body on screen. Most chat messages are plain words, which Markdown renders as one
// paragraph of the text itself (plain-text.ts): those render so at once. Any other text goes
// through RichMarkdown.tsx (react-markdown, GitHub's flavour, @mentions), a chunk of its own
// of about 160 KB that a warm open of the app no longer parses and runs before its first screen;
// it is fetched once the first screen is up (first-screen.ts), or as soon as a text needs it.
// Until it is there such a text shows nothing (marked busy), never its raw syntax.
// The service worker precaches it with the rest of the app, so it renders offline.
import { lazy, type ReactNode, Suspense } from "react";
import { afterFirstScreen } from "../first-screen.ts";
import { rendersAsItsOwnText } from "./plain-text.ts";

export interface MarkdownProps {
  text: string;
  /** The reader's handle: their own @mentions stand out. */
  readerHandle?: string | null;
}

const loadRichMarkdown = () => import("./RichMarkdown.tsx");
const RichMarkdown = lazy(loadRichMarkdown);

// In a page only (not when rendered on a server, as in the tests).
if (typeof window !== "undefined") afterFirstScreen(() => void loadRichMarkdown());

export function Markdown(props: MarkdownProps): ReactNode {
  if (rendersAsItsOwnText(props.text)) {
    return (
      <div className="markdown">
        <p>{props.text}</p>
      </div>
    );
  }
  return (
    <Suspense fallback={<div className="markdown" aria-busy="true" />}>
      <RichMarkdown {...props} />
    </Suspense>
  );
}
