// A refused channel copy as a file to download: its own messages as text, and the whole copy as
// a base64 Yjs update (Y.applyUpdate restores it).
import { toBinaryString } from "../../local/binary-string.ts";
import type { KeptCopy } from "../../local/database.ts";

function base64(bytes: Uint8Array): string {
  return btoa(toBinaryString(bytes));
}

export function exportFileName(copy: KeptCopy): string {
  const at = new Date(copy.savedAt).toISOString().replaceAll(":", "-");
  return `openvibe-channel-${copy.channelId}-refused-${at}.json`;
}

export function exportFile(copy: KeptCopy): Blob {
  const { channelId, savedAt, messages } = copy;
  const content = { channelId, savedAt, messages, yjsUpdateBase64: base64(copy.update) };
  return new Blob([JSON.stringify(content, null, 2)], { type: "application/json" });
}

/** Lets the browser save the copy as a file. */
export function downloadCopy(copy: KeptCopy): void {
  const url = URL.createObjectURL(exportFile(copy));
  const link = document.createElement("a");
  link.href = url;
  link.download = exportFileName(copy);
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
