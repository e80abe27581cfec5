// The orchestrator's side of a load generator: forks load-worker.ts, pins it to the load core
// and calls its commands over IPC.
import { type ChildProcess, fork } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import type { WorkerCommands } from "./load-worker.ts";
import { LOAD_CORE, pinToCore } from "./servers.ts";

const WORKER = fileURLToPath(new URL("./load-worker.ts", import.meta.url));

export interface WorkerCall {
  id: number;
  command: keyof WorkerCommands;
  args: unknown;
}

export type WorkerReply =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: string };

type Args<K extends keyof WorkerCommands> = Parameters<WorkerCommands[K]>[0];
type Result<K extends keyof WorkerCommands> = Awaited<ReturnType<WorkerCommands[K]>>;

export class LoadGenerator {
  private readonly child: ChildProcess;
  private nextId = 1;
  private readonly pending = new Map<
    number,
    { resolve: (value: unknown) => void; reject: (error: Error) => void }
  >();

  private constructor(child: ChildProcess) {
    this.child = child;
    child.on("message", (reply: WorkerReply) => {
      const call = this.pending.get(reply.id);
      if (call === undefined) return;
      this.pending.delete(reply.id);
      if (reply.ok) call.resolve(reply.result);
      else call.reject(new Error(`load generator: ${reply.error}`));
    });
    child.on("exit", (code, signal) => {
      for (const call of this.pending.values()) {
        call.reject(new Error(`load generator exited (${code ?? signal})`));
      }
      this.pending.clear();
    });
  }

  /** Starts a load generator pinned to the load core. */
  static start(): LoadGenerator {
    const child = fork(WORKER, [], {
      serialization: "advanced",
      execArgv: ["--max-old-space-size=4096"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    if (child.pid !== undefined) pinToCore(child.pid, LOAD_CORE);
    return new LoadGenerator(child);
  }

  call<K extends keyof WorkerCommands>(command: K, args: Args<K>): Promise<Result<K>> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.child.send({ id, command, args } satisfies WorkerCall);
    });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = once(this.child, "exit");
    this.child.disconnect();
    const timer = setTimeout(() => this.child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  }
}
