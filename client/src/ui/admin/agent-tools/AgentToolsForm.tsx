// An agent's tools on its admin page: the MCP servers it may call, each
// tool's policy (allowed, ask, off) and the limits of one reply's tool use,
// edited as the JSON that PUT /api/agents/{id}/tools and `ovb configure-agent
// --tools-file` take. Header values never come back; the list says which
// servers have one stored.
import type { AgentToolsView, UserView } from "@openvibe/schema";
import { type FormEvent, type ReactNode, useEffect, useState } from "react";
import { agentApi } from "../../../api/admin-endpoints.ts";
import { ApiError, OfflineError } from "../../../api/http.ts";
import { OFFLINE_ACTION, useApiAction } from "../../forms/api-action.ts";
import { ActionError } from "../../forms/Field.tsx";
import { readToolsText, toolsText } from "./tools-text.ts";

type Loaded = AgentToolsView | { problem: string } | null;

function problemOf(error: unknown): { problem: string } {
  if (error instanceof OfflineError) return { problem: OFFLINE_ACTION };
  if (error instanceof ApiError && error.status === 404) {
    return { problem: "This server does not offer agent tools yet." };
  }
  return { problem: error instanceof Error ? error.message : String(error) };
}

function ServerList({ view }: { view: AgentToolsView }): ReactNode {
  if (view.servers.length === 0)
    return <p className="empty">No MCP servers: built-in tools only.</p>;
  return (
    <ul className="agent-tool-servers">
      {view.servers.map((server) => (
        <li key={server.name}>
          <strong>{server.name}</strong>{" "}
          {server.transport === "stdio"
            ? `runs ${[server.command, ...server.args].join(" ")}`
            : `at ${server.url}${server.headerValueSet ? ` (${server.headerName} set)` : ""}`}
        </li>
      ))}
    </ul>
  );
}

export function AgentToolsForm({ agent }: { agent: UserView }): ReactNode {
  const [view, setView] = useState<Loaded>(null);
  const [text, setText] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const action = useApiAction();
  useEffect(() => {
    agentApi.tools(agent.id).then(
      (loaded) => {
        setView(loaded);
        setText(toolsText(loaded));
      },
      (error: unknown) => setView(problemOf(error)),
    );
  }, [agent.id]);

  if (view === null) return <p className="empty">Loading the tools…</p>;
  if ("problem" in view) return <p className="empty">{view.problem}</p>;
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const read = readToolsText(text);
    setProblem("problem" in read ? read.problem : null);
    if ("problem" in read) return;
    const next = await action.run(() => agentApi.putTools(agent.id, read.request));
    if (next !== undefined) {
      setView(next);
      setText(toolsText(next));
    }
    setSaved(next !== undefined);
  };
  return (
    <form
      className="admin-form"
      aria-label={`Tools of ${agent.displayName}`}
      onSubmit={(event) => void submit(event)}
    >
      <h3>Tools</h3>
      <ServerList view={view} />
      <label>
        MCP servers, tool policies and limits (JSON; add "headerValue" to an HTTP server to set its
        secret, null to clear it; "builtin" sets the built-in tools' policies, e.g.{" "}
        <code>{'{"remember": "ask"}'}</code>)
        <textarea
          name="tools"
          rows={12}
          spellCheck={false}
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
      </label>
      <button type="submit" disabled={action.busy}>
        Save tools
      </button>
      {saved && <output>Saved.</output>}
      {problem !== null && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      <ActionError action={action} />
    </form>
  );
}
