// The copies of a channel the server refused, once recovered, until the person dismisses them.
import { useEffect, useState } from "react";
import type { KeptCopy } from "../../local/database.ts";
import { useSignedIn } from "../services.tsx";

export function useKeptCopies(channelId: string): KeptCopy[] {
  const { replicas } = useSignedIn();
  const [copies, setCopies] = useState<KeptCopy[]>([]);
  useEffect(() => {
    setCopies([]);
    return replicas.keptCopies.watch(channelId, (all) =>
      setCopies(all.filter((copy) => copy.state === "kept")),
    );
  }, [replicas, channelId]);
  return copies;
}
