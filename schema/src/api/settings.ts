// Workspace settings: admin-editable, read by every client at start.
import { z } from "zod";
import { handle } from "./fields.ts";

export const workspaceSettings = z.strictObject({
  /** What forks are called in the UI, e.g. "Fork" or "Side discussion". */
  forkLabel: z.string().trim().min(1).max(40).default("Fork"),
  maxOpenForksPerThread: z.number().int().min(1).max(100).default(5),
  /** Handle of the agent that summarises resolved forks; null for none. */
  defaultAgentHandle: handle.nullable().default(null),
  theme: z.enum(["system", "light", "dark"]).default("system"),
  features: z
    .strictObject({
      agents: z.boolean().default(true),
      forks: z.boolean().default(true),
      search: z.boolean().default(true),
    })
    .prefault({}),
});

export const updateSettingsRequest = z
  .strictObject({
    workspaceName: z.string().trim().min(1).max(80).optional(),
    forkLabel: z.string().trim().min(1).max(40).optional(),
    maxOpenForksPerThread: z.number().int().min(1).max(100).optional(),
    defaultAgentHandle: handle.nullable().optional(),
    theme: z.enum(["system", "light", "dark"]).optional(),
    features: z
      .strictObject({
        agents: z.boolean().optional(),
        forks: z.boolean().optional(),
        search: z.boolean().optional(),
      })
      .optional(),
  })
  .refine((body) => Object.keys(body).length > 0, "change at least one setting");

export type WorkspaceSettings = z.infer<typeof workspaceSettings>;
export type UpdateSettingsRequest = z.infer<typeof updateSettingsRequest>;

export interface WorkspaceView {
  name: string;
  settings: WorkspaceSettings;
}
