// Whether the page is past its first screen (first-screen.ts): false until the thread or channel
// it opened on shows and the page is idle, then true. For work that opens other documents.
import { useEffect, useState } from "react";
import { afterFirstScreen } from "./first-screen.ts";

export function useAfterFirstScreen(): boolean {
  const [after, setAfter] = useState(false);
  useEffect(() => afterFirstScreen(() => setAfter(true)), []);
  return after;
}
