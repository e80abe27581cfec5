// GET /api/search: the workspace-wide search (channels the browser does not hold too).
import type { SearchAnswerBody } from "@openvibe/schema";
import { apiRequest } from "./http.ts";

export function searchServer(q: string, limit: number): Promise<SearchAnswerBody> {
  const params = new URLSearchParams({ q, limit: String(limit) });
  return apiRequest<SearchAnswerBody>("GET", `/search?${params}`);
}
