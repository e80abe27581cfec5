// The moment to write what is pending: the page is hidden (it may be
// discarded without another event) or being unloaded. Outside a page (unit
// tests, workers) there is no such moment.

/** Calls `listener` whenever the page is hidden or unloaded; returns a function that stops it. */
export function onPageHidden(listener: () => void): () => void {
  if (typeof window === "undefined" || typeof document === "undefined") return () => undefined;
  const onVisibilityChange = () => {
    if (document.visibilityState === "hidden") listener();
  };
  window.addEventListener("pagehide", listener);
  document.addEventListener("visibilitychange", onVisibilityChange);
  return () => {
    window.removeEventListener("pagehide", listener);
    document.removeEventListener("visibilitychange", onVisibilityChange);
  };
}
