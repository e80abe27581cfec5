// GET /api/link-previews: what the server knows of a linked page. Asked once per page per page
// load (the answer is kept here; the server caches it too); the image comes from the server.
import type { LinkPreview, LinkPreviewResponse } from "@openvibe/schema";
import { apiRequest } from "./http.ts";

const asked = new Map<string, Promise<LinkPreview | null>>();

export function fetchLinkPreview(url: string): Promise<LinkPreview | null> {
  const known = asked.get(url);
  if (known !== undefined) return known;
  const params = new URLSearchParams({ url });
  const answer = apiRequest<LinkPreviewResponse>("GET", `/link-previews?${params}`).then(
    (response) => response.preview,
  );
  // A refusal or an offline moment is not remembered: the next render asks again.
  answer.catch(() => asked.delete(url));
  asked.set(url, answer);
  return answer;
}

export function linkPreviewImagePath(url: string): string {
  return `/api/link-previews/image?${new URLSearchParams({ url })}`;
}
