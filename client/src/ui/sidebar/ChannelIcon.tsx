// "#" for a public channel, a lock for a private one.
import type { ChannelView } from "@openvibe/schema";
import type { ReactNode } from "react";

export function ChannelIcon({ channel }: { channel: ChannelView }): ReactNode {
  return channel.visibility === "private" ? (
    <span className="icon" role="img" aria-label="private">
      🔒
    </span>
  ) : (
    <span className="icon" role="img" aria-label="public">
      #
    </span>
  );
}
