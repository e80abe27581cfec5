// /dm/<userId> (a person's "Message" in the quick switcher): opens the direct message with that
// person, started if it is new, and shows it in place of this address. Starting one needs the
// server; an existing one opens offline too.
import { type ReactNode, useEffect, useState } from "react";
import { api } from "../../api/endpoints.ts";
import { OfflineError } from "../../api/http.ts";
import { useObservable } from "../../state/observable.ts";
import { navigate } from "../navigation.ts";
import { useServices, useSignedIn } from "../services.tsx";

export function OpenDirectMessage({ userId }: { userId: string }): ReactNode {
  const { store } = useServices();
  const { me } = useSignedIn();
  const channels = useObservable(store.channels);
  const [problem, setProblem] = useState<string | null>(null);
  const held = channels.find(
    (channel) =>
      channel.visibility === "direct" &&
      channel.directMembers?.length === 2 &&
      channel.directMembers.includes(me.id) &&
      channel.directMembers.includes(userId),
  );
  useEffect(() => {
    if (held !== undefined) {
      navigate({ screen: "channel", channelId: held.id }, { replace: true });
      return;
    }
    let current = true;
    api
      .openDirectMessage({ userIds: [userId] })
      .then(async (channel) => {
        await store.putChannel(channel);
        if (current) navigate({ screen: "channel", channelId: channel.id }, { replace: true });
      })
      .catch((error: unknown) => {
        if (!current) return;
        setProblem(
          error instanceof OfflineError
            ? "Starting a direct message needs the server: you are offline."
            : error instanceof Error
              ? error.message
              : String(error),
        );
      });
    return () => {
      current = false;
    };
  }, [held, userId, store]);
  return <p className={problem === null ? "empty" : "error"}>{problem ?? "Opening…"}</p>;
}
