// An import refused for its input (malformed, unknown version, inconsistent, too large) or its
// target (not empty, a server running): the message says what is wrong; nothing was written.
export class ImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ImportError";
  }
}
