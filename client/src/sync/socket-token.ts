// The token every document on the shared socket authenticates with. At sign-in twenty or more
// documents authenticate within a moment; one token request each cost as many HTTP round trips
// before the first document could sync (measured: 20 requests in the first second, queued behind
// the server's document loads). So one request serves every document that asks while it is in
// flight, and its token serves those asking after it while the socket stays up and the token has
// time left. After the socket drops, the next document asks again: a session that ended meanwhile
// answers "unauthenticated" there, before the server could tell this page anything.

/** A token is not handed out for a new authentication this close to its expiry. */
const EXPIRY_MARGIN_MS = 30_000;

export interface IssuedToken {
  token: string;
  /** ISO 8601. */
  expiresAt: string;
}

export class SharedSocketToken {
  private readonly request: () => Promise<IssuedToken>;
  private readonly now: () => number;
  private current: Promise<IssuedToken> | null = null;

  constructor(request: () => Promise<IssuedToken>, now: () => number = Date.now) {
    this.request = request;
    this.now = now;
  }

  /** A token for the next authentication on the socket: the one held, or a fresh one. */
  async get(): Promise<string> {
    const held = this.current;
    if (held !== null) {
      const issued = await held.catch(() => null);
      if (issued !== null && Date.parse(issued.expiresAt) - this.now() > EXPIRY_MARGIN_MS) {
        return issued.token;
      }
      // Refused, failed or about to expire: whoever comes first asks again.
      if (this.current === held) this.current = null;
    }
    this.current ??= this.request();
    const fresh = this.current;
    try {
      return (await fresh).token;
    } catch (error) {
      if (this.current === fresh) this.current = null;
      throw error;
    }
  }

  /** The socket dropped: the next authentication asks for a fresh token. */
  forget(): void {
    this.current = null;
  }
}
