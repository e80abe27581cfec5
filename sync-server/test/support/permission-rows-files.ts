// Permission-matrix rows for files: anyone who may post in a channel starts uploads there; an
// upload is its uploader's alone; a posted file is read by whoever may read its channel.
import { createHash } from "node:crypto";
import sharp from "sharp";
import { recordMessageAttachments } from "../../src/files/attachment-refs.ts";
import { type Row, signedIn } from "./permission-table.ts";
import { fresh, type PermissionWorld } from "./permission-world.ts";

const TEXT = Buffer.from("meeting notes\n");
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** An image the member uploaded to the private channel and posted, once per world. */
const posted = new WeakMap<PermissionWorld, Promise<string>>();

function postedImage(w: PermissionWorld): Promise<string> {
  let id = posted.get(w);
  if (id === undefined) {
    id = (async () => {
      const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: "#fff" } })
        .png()
        .toBuffer();
      const attachmentId = fresh("image").replace(/-/g, "_");
      const uploads = w.server.files.uploads;
      const user = w.member.user;
      const record = {
        attachmentId,
        name: "a.png",
        type: "image/png",
        size: png.length,
        sha256: sha256(png),
      };
      await uploads.start(user, w.secret.id, record);
      await uploads.append(user, attachmentId, {
        offset: 0,
        length: png.length,
        body: new Blob([png]).stream(),
      });
      recordMessageAttachments(
        w.server.ctx,
        { channelId: w.secret.id, messageId: fresh("message"), authorId: user.id },
        [attachmentId],
      );
      return attachmentId;
    })();
    posted.set(w, id);
  }
  return id;
}

/** Only the member who uploaded sees the upload; everyone else gets 404. */
const uploaderOnly = () => signedIn({ admin: 404, guest: 404, outsider: 404, agent: 404 });

export const FILE_ROWS: Row[] = [
  {
    route: "POST /channels/:id/uploads",
    note: "private channel",
    expect: signedIn({ guest: 403, outsider: 404 }),
    request: (w) => ({
      path: `/channels/${w.secret.id}/uploads`,
      body: {
        attachmentId: fresh("upload").replace(/-/g, "_"),
        name: "notes.txt",
        type: "text/plain",
        size: TEXT.length,
        sha256: sha256(TEXT),
      },
    }),
  },
  {
    route: "GET /uploads/:id",
    expect: uploaderOnly(),
    request: async (w) => ({ path: `/uploads/${await postedImage(w)}` }),
  },
  {
    route: "PATCH /uploads/:id",
    note: "finished upload",
    expect: uploaderOnly(),
    request: async (w) => ({ path: `/uploads/${await postedImage(w)}` }),
  },
  {
    route: "GET /files/:id",
    expect: signedIn({ outsider: 404 }),
    request: async (w) => ({ path: `/files/${await postedImage(w)}` }),
  },
  {
    route: "GET /files/:id/thumbnail",
    expect: signedIn({ outsider: 404 }),
    request: async (w) => ({ path: `/files/${await postedImage(w)}/thumbnail` }),
  },
];
