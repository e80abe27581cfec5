// Workspace settings: admin-editable, read by every client at start.
import { z } from "zod";
import { handle, id } from "./fields.ts";

/** Channels every newcomer joins when they accept an invite (guests excepted). */
export const MAX_DEFAULT_CHANNELS = 20;
const defaultChannelIds = z
  .array(id)
  .max(MAX_DEFAULT_CHANNELS, `at most ${MAX_DEFAULT_CHANNELS} default channels`);

/** The largest file a workspace can allow per upload (its `maxFileBytes` setting). */
export const MAX_FILE_BYTES_CEILING = 4 * 1024 ** 3;
const maxFileBytes = z.number().int().min(1).max(MAX_FILE_BYTES_CEILING);

export const workspaceSettings = z.strictObject({
  /** Largest file anyone may attach, in bytes (default 25 MiB). */
  maxFileBytes: maxFileBytes.default(25 * 1024 * 1024),
  /** What forks are called in the UI, e.g. "Fork" or "Side discussion". */
  forkLabel: z.string().trim().min(1).max(40).default("Fork"),
  maxOpenForksPerThread: z.number().int().min(1).max(100).default(5),
  /** Handle of the agent that summarises resolved forks; null for none. */
  defaultAgentHandle: handle.nullable().default(null),
  theme: z.enum(["system", "light", "dark"]).default("system"),
  /** Channels newcomers join when they accept an invite, in order; they land in the first. */
  defaultChannelIds: defaultChannelIds.default([]),
  features: z
    .strictObject({
      agents: z.boolean().default(true),
      forks: z.boolean().default(true),
      search: z.boolean().default(true),
      /** The server fetches title, description and image of links in messages. */
      linkPreviews: z.boolean().default(true),
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
    defaultChannelIds: defaultChannelIds.optional(),
    maxFileBytes: maxFileBytes.optional(),
    features: z
      .strictObject({
        agents: z.boolean().optional(),
        forks: z.boolean().optional(),
        search: z.boolean().optional(),
        linkPreviews: z.boolean().optional(),
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
