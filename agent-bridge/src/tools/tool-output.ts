// What a tool call gives back to the loop, and how much of it the model sees:
// a result longer than the agent's limit is cut (on a character boundary) and
// the model is told so.

export interface ToolOutput {
  text: string;
  /** The tool reported a failure (its text says what). */
  isError: boolean;
}

export interface LimitedOutput {
  /** What the model is given (and the step shows). */
  text: string;
  truncated: boolean;
  /** The whole result's size in bytes (UTF-8). */
  bytes: number;
}

export function limitOutput(text: string, maxBytes: number): LimitedOutput {
  const encoded = new TextEncoder().encode(text);
  if (encoded.length <= maxBytes) return { text, truncated: false, bytes: encoded.length };
  const note = `\n\n[Result truncated: the first ${maxBytes} of ${encoded.length} bytes. Ask for less (a narrower query, a page) if you need the rest.]`;
  const room = Math.max(0, maxBytes - new TextEncoder().encode(note).length);
  // A cut inside a multi-byte character decodes as U+FFFD: drop it.
  const cut = new TextDecoder().decode(encoded.subarray(0, room)).replace(/\uFFFD+$/, "");
  return { text: `${cut}${note}`, truncated: true, bytes: encoded.length };
}

/** One line for the step: the first line of a result, or the error. */
export function summaryOf(output: LimitedOutput, isError: boolean): string {
  const first = output.text.split("\n").find((line) => line.trim() !== "") ?? "";
  const line = first.length > 160 ? `${first.slice(0, 159)}…` : first;
  const size = output.truncated ? ` (${output.bytes} bytes, truncated)` : "";
  return `${isError ? "Error: " : ""}${line}${size}`;
}
