// The permission matrix's vocabulary: what each principal should get from a
// route (2xx or an error status), and a row type that builds the request per
// principal, on throwaway targets when the route changes state.
import type { PermissionWorld, Who } from "./permission-world.ts";

export type Expected = "2xx" | 401 | 403 | 404 | 409;
type Live = "admin" | "member" | "guest" | "outsider" | "agent";
export type Expectations = Record<Who, Expected>;

/** Everyone signed in may (unless overridden); the rest are 401. */
export const signedIn = (overrides: Partial<Record<Live, Expected>> = {}): Expectations => ({
  admin: "2xx",
  member: "2xx",
  guest: "2xx",
  outsider: "2xx",
  agent: "2xx",
  ...overrides,
  deactivated: 401,
  revokedKey: 401,
  anonymous: 401,
});
export const adminOnly = () => signedIn({ member: 403, guest: 403, outsider: 403, agent: 403 });
/** No credentials needed: the same answer for all, except a bad API key is always refused. */
export const open = (answer: Expected = "2xx"): Expectations => ({
  ...signedIn({ admin: answer, member: answer, guest: answer, outsider: answer, agent: answer }),
  deactivated: answer,
  anonymous: answer,
});
/** For a public channel the admin made: others see it (guests do not) but may not manage it. */
export const adminsChannel = () => signedIn({ member: 403, outsider: 403, agent: 403, guest: 404 });

export interface Request {
  path: string;
  body?: unknown;
}
export interface Row {
  route: string;
  note?: string;
  expect: Expectations;
  /** Call as a twin (a fresh account of the same kind): the route ends the caller's sessions. */
  twin?: boolean;
  request(w: PermissionWorld, who: Who): Request | Promise<Request>;
}

/** A request with no body and no throwaway target. */
export const at = (path: string) => () => ({ path });

export const matches = (status: number, expected: Expected) =>
  expected === "2xx" ? status >= 200 && status < 300 : status === expected;
