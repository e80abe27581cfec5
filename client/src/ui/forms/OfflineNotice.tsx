// Shown above a page reading cached data while the server cannot be reached.
import type { ReactNode } from "react";

export function OfflineNotice({ offline }: { offline: boolean }): ReactNode {
  if (!offline) return null;
  return (
    <p className="offline-notice" role="status">
      Offline: showing the last copy seen. Changes need the server.
    </p>
  );
}
