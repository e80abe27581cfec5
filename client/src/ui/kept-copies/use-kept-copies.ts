// The copies of a channel the server refused and that still hold messages to show.
import { useEffect, useState } from "react";
import type { KeptCopy } from "../../local/database.ts";
import { useSignedIn } from "../services.tsx";

export function useKeptCopies(channelId: string): KeptCopy[] {
  const { replicas } = useSignedIn();
  const [copies, setCopies] = useState<KeptCopy[]>([]);
  useEffect(() => {
    setCopies([]);
    return replicas.keptCopies.watch(channelId, (all) =>
      setCopies(all.filter((copy) => copy.state === "kept" && copy.messages.length > 0)),
    );
  }, [replicas, channelId]);
  return copies;
}
