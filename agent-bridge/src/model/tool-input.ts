// A tool call's input as a model API streams it (JSON in pieces): an empty
// input is {}; JSON that does not parse is kept as text, for the tool to refuse.
export function parseToolInput(json: string): unknown {
  if (json.trim() === "") return {};
  try {
    return JSON.parse(json);
  } catch {
    return { unparsed: json };
  }
}
