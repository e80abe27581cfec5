// Files in conversations: resumable uploads (tus-like: create, PATCH chunks at an offset, HEAD to
// resume) and downloads authorised on every request. See files/ for the rules.
import {
  createUploadRequest,
  MAX_UPLOAD_CHUNK_BYTES,
  UPLOAD_CHUNK_TYPE,
  UPLOAD_LENGTH_HEADER,
  UPLOAD_OFFSET_HEADER,
  type UploadView,
} from "@openvibe/schema";
import type { Context } from "hono";
import { Hono } from "hono";
import { getUser } from "../../accounts/users.ts";
import { requireHeldTask } from "../../agents/tasks.ts";
import { ApiError, notFound } from "../../errors.ts";
import { fileResponse } from "../../files/downloads.ts";
import { readableAttachment } from "../../files/file-access.ts";
import type { Files } from "../../files/files.ts";
import { type AppEnv, requireBridge, requirePrincipal } from "../authentication.ts";
import { readBody, readId } from "../validation.ts";
import type { RouteDeps } from "./deps.ts";

/** Upload chunks are raw bytes, not JSON, and larger than other API bodies (see app.ts). */
export function isUploadChunk(method: string, path: string): boolean {
  return method === "PATCH" && /^\/api\/uploads\/[^/]+$/.test(path);
}

function filesOf({ files }: RouteDeps): Files {
  if (files === undefined) throw new ApiError("not_ready", "this server keeps no files");
  return files;
}

function withOffset(c: Context<AppEnv>, view: UploadView, status: 200 | 201 = 200): Response {
  c.header(UPLOAD_OFFSET_HEADER, String(view.offset));
  c.header(UPLOAD_LENGTH_HEADER, String(view.size));
  c.header("Cache-Control", "no-store");
  return c.json(view, status);
}

/** A non-negative whole number from a header, or a 400 naming it. */
function headerNumber(c: Context<AppEnv>, name: string): number {
  const value = c.req.header(name);
  if (value === undefined || !/^\d{1,15}$/.test(value)) {
    throw new ApiError("validation_failed", `send ${name} as a whole number of bytes`, {
      issues: [{ path: name, message: "a whole number of bytes" }],
    });
  }
  return Number(value);
}

export function fileRoutes(deps: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.post("/channels/:id/uploads", async (c) => {
    const { user } = requirePrincipal(c);
    const channelId = readId(c);
    const request = await readBody(c, createUploadRequest);
    const { view, created } = await filesOf(deps).uploads.start(user, channelId, request);
    c.header("Location", `/api/uploads/${view.attachmentId}`);
    return withOffset(c, view, created ? 201 : 200);
  });

  // HEAD (to resume) is answered by this route too, without the body.
  app.get("/uploads/:id", (c) => {
    const { user } = requirePrincipal(c);
    return withOffset(c, filesOf(deps).uploads.state(user, readId(c)));
  });

  app.patch("/uploads/:id", async (c) => {
    const { user } = requirePrincipal(c);
    const id = readId(c);
    // Only the uploader's; a finished upload answers with its state (a client resending its last
    // chunk after a lost answer learns that it is done).
    const current = filesOf(deps).uploads.state(user, id);
    if (current.status === "stored") return withOffset(c, current);
    const type = c.req.header("Content-Type") ?? "";
    if (type !== UPLOAD_CHUNK_TYPE) {
      throw new ApiError("unsupported_media_type", `send chunks as ${UPLOAD_CHUNK_TYPE}`);
    }
    const length = headerNumber(c, "Content-Length");
    if (length > MAX_UPLOAD_CHUNK_BYTES) {
      c.header("Connection", "close");
      throw new ApiError(
        "payload_too_large",
        `send at most ${MAX_UPLOAD_CHUNK_BYTES} bytes per chunk`,
      );
    }
    const offset = headerNumber(c, UPLOAD_OFFSET_HEADER);
    const view = await filesOf(deps).uploads.append(user, id, {
      offset,
      length,
      body: c.req.raw.body,
    });
    return withOffset(c, view);
  });

  app.get("/files/:id", async (c) => {
    const { user } = requirePrincipal(c);
    const row = readableAttachment(deps.ctx, user, readId(c));
    return fileResponse(filesOf(deps).store, row, "original", c.req.header("If-None-Match"));
  });

  app.get("/files/:id/thumbnail", async (c) => {
    const { user } = requirePrincipal(c);
    const row = readableAttachment(deps.ctx, user, readId(c));
    return fileResponse(filesOf(deps).store, row, "thumbnail", c.req.header("If-None-Match"));
  });

  // A file in an agent task's own channel, read as the task's agent (for its prompt): only the
  // bridge holding the task's lease, and only files of the channel the reply goes to.
  app.get("/bridge/tasks/:id/files/:fileId", async (c) => {
    const bridge = requireBridge(c);
    const task = requireHeldTask(deps.ctx, c.req.param("id"), bridge.apiKeyId);
    const agent = getUser(deps.ctx, task.agentId);
    if (agent === undefined) throw notFound("file");
    const row = readableAttachment(deps.ctx, agent, readId(c, "fileId"));
    if (row.channelId !== task.channelId) throw notFound("file");
    return fileResponse(filesOf(deps).store, row, "original", undefined);
  });

  return app;
}
