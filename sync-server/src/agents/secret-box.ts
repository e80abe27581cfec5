// Secrets at rest (agents' provider API keys): AES-256-GCM under the key in
// OPENVIBE_SECRETS_KEY, bound to what they belong to (authenticated data), so
// a sealed value copied onto another row does not open. Without the key the
// server runs, but refuses to store a secret and says how to set one.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { z } from "zod";
import { ApiError } from "../errors.ts";

export const SECRETS_KEY_HINT =
  "set OPENVIBE_SECRETS_KEY to 32 random bytes in base64 (make one with `openssl rand -base64 32`) " +
  "for the server and for ovb, and keep it: stored keys cannot be read without it";

/** OPENVIBE_SECRETS_KEY as read from the environment: 32 bytes in base64. */
export const secretsKeySchema = z
  .string()
  .trim()
  .refine(
    (value) => /^[A-Za-z0-9+/]{43}=$/.test(value),
    `OPENVIBE_SECRETS_KEY must be 32 bytes in base64 (44 characters, e.g. from \`openssl rand -base64 32\`)`,
  )
  .transform((value) => Buffer.from(value, "base64"));

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class SecretBox {
  private readonly key: Buffer | null;

  /** `key`: OPENVIBE_SECRETS_KEY's 32 bytes; null: none configured. */
  constructor(key: Buffer | null) {
    this.key = key;
  }

  get hasKey(): boolean {
    return this.key !== null;
  }

  /** Encrypts `secret` for `context` (what it belongs to, e.g. "agent:<id>:api-key"). */
  seal(secret: string, context: string): string {
    if (this.key === null) {
      throw new ApiError("validation_failed", `cannot store a secret: ${SECRETS_KEY_HINT}`, {
        issues: [{ path: "apiKey", message: `cannot store a key: ${SECRETS_KEY_HINT}` }],
      });
    }
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv("aes-256-gcm", this.key, iv).setAAD(Buffer.from(context));
    const sealed = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
    return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString("base64")}`;
  }

  /** Decrypts what `seal` made for the same context; throws an Error saying why it cannot. */
  open(sealed: string, context: string): string {
    if (this.key === null) throw new Error(`a stored secret needs its key: ${SECRETS_KEY_HINT}`);
    const [version, body] = sealed.split(".");
    if (version !== VERSION || body === undefined) throw new Error("unknown sealed-secret format");
    const bytes = Buffer.from(body, "base64");
    const decipher = createDecipheriv("aes-256-gcm", this.key, bytes.subarray(0, IV_BYTES))
      .setAAD(Buffer.from(context))
      .setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    try {
      return Buffer.concat([
        decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)),
        decipher.final(),
      ]).toString("utf8");
    } catch {
      throw new Error(
        "a stored secret does not open with OPENVIBE_SECRETS_KEY (set the key it was stored with, or store it again)",
      );
    }
  }
}
