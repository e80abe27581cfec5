// A link to one message (a mention, a search result): a real `?m=` link, so it also opens in a
// new tab, and a plain click opens the message in place, scrolled to and highlighted however
// far back it is (see message-link.ts).
import type { ReactNode } from "react";
import { type MessageAddress, messageLink, openMessage } from "./message-link.ts";

export function MessageAnchor(props: { address: MessageAddress; children: ReactNode }): ReactNode {
  const { address, children } = props;
  return (
    <a
      href={messageLink("", address)}
      onClick={(event) => {
        if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
        event.preventDefault();
        openMessage(address);
      }}
    >
      {children}
    </a>
  );
}
