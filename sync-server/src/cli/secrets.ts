// The secret box of ovb: OPENVIBE_SECRETS_KEY read as the server reads it.
import { SecretBox, secretsKeySchema } from "../agents/secret-box.ts";
import { UsageError } from "./errors.ts";

export function secretsFromEnv(env: NodeJS.ProcessEnv): SecretBox {
  const value = env.OPENVIBE_SECRETS_KEY;
  if (value === undefined || value === "") return new SecretBox(null);
  const parsed = secretsKeySchema.safeParse(value);
  // The message names the variable, never its value.
  if (!parsed.success)
    throw new UsageError(parsed.error.issues[0]?.message ?? "bad OPENVIBE_SECRETS_KEY");
  return new SecretBox(parsed.data);
}
