// GET /api/search: the workspace-wide search (channels the browser does not hold too).
import type { SearchResult } from "@openvibe/schema";
import { apiRequest } from "./http.ts";

export function searchServer(q: string, limit: number): Promise<SearchResult> {
  const params = new URLSearchParams({ q, limit: String(limit) });
  return apiRequest<SearchResult>("GET", `/search?${params}`);
}
