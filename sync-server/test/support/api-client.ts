// A small HTTP client for tests that behaves like a browser: it keeps the
// session cookie, sends the CSRF token on writes, and returns status + JSON.
// With an API key it sends "Authorization: Bearer" instead.
import type { SessionView } from "@openvibe/schema";

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export class ApiClient {
  readonly baseUrl: string;
  private cookie: string | null = null;
  private csrfToken: string | null = null;
  private apiKey: string | null = null;

  constructor(baseUrl: string, options: { apiKey?: string } = {}) {
    this.baseUrl = baseUrl;
    this.apiKey = options.apiKey ?? null;
  }

  /** A copy holding the same credentials; cookies it receives later do not change this one. */
  clone(): ApiClient {
    const copy = new ApiClient(this.baseUrl, this.apiKey === null ? {} : { apiKey: this.apiKey });
    copy.cookie = this.cookie;
    copy.csrfToken = this.csrfToken;
    return copy;
  }

  /** Forgets the CSRF token (to test that writes without it are refused). */
  dropCsrfToken(): void {
    this.csrfToken = null;
  }

  async request<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers["Content-Type"] = "application/json";
    if (this.cookie !== null) headers.Cookie = this.cookie;
    if (this.csrfToken !== null) headers["X-CSRF-Token"] = this.csrfToken;
    if (this.apiKey !== null) headers.Authorization = `Bearer ${this.apiKey}`;
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const setCookie = response.headers.get("set-cookie");
    if (setCookie !== null) {
      const [pair] = setCookie.split(";");
      this.cookie = pair?.endsWith("=") ? null : (pair ?? null);
    }
    const text = await response.text();
    // Files come back as themselves (bytes, not JSON): their body is left as text.
    const json = /json/.test(response.headers.get("content-type") ?? "application/json");
    const parsed = (text === "" ? null : json ? JSON.parse(text) : text) as T;
    const session = parsed as Partial<SessionView> | null;
    if (session !== null && typeof session === "object" && typeof session.csrfToken === "string") {
      this.csrfToken = session.csrfToken;
    }
    return { status: response.status, body: parsed, headers: response.headers };
  }

  /**
   * Sends `body` exactly as given (bytes or text) with the caller's credentials and the headers
   * given, for hostile-input tests; the answer's body is returned as text.
   */
  async raw(
    method: string,
    path: string,
    body?: string | Uint8Array<ArrayBuffer>,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; text: string; headers: Headers }> {
    const sent: Record<string, string> = {};
    if (this.cookie !== null) sent.Cookie = this.cookie;
    if (this.csrfToken !== null) sent["X-CSRF-Token"] = this.csrfToken;
    if (this.apiKey !== null) sent.Authorization = `Bearer ${this.apiKey}`;
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { ...sent, ...headers },
      ...(body === undefined ? {} : { body }),
    });
    return { status: response.status, text: await response.text(), headers: response.headers };
  }

  /** GETs `path` (a file) with the caller's credentials; its body as bytes. */
  async bytes(path: string): Promise<{ status: number; bytes: Buffer }> {
    const headers: Record<string, string> = {};
    if (this.cookie !== null) headers.Cookie = this.cookie;
    if (this.apiKey !== null) headers.Authorization = `Bearer ${this.apiKey}`;
    const response = await fetch(`${this.baseUrl}${path}`, { headers });
    return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()) };
  }

  get<T = unknown>(path: string) {
    return this.request<T>("GET", path);
  }
  post<T = unknown>(path: string, body: unknown = {}) {
    return this.request<T>("POST", path, body);
  }
  patch<T = unknown>(path: string, body: unknown) {
    return this.request<T>("PATCH", path, body);
  }
  put<T = unknown>(path: string, body: unknown = {}) {
    return this.request<T>("PUT", path, body);
  }
  delete<T = unknown>(path: string) {
    return this.request<T>("DELETE", path);
  }
}
