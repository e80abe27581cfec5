// A message's files: images as thumbnails whose place is reserved from the recorded dimensions
// (nothing jumps as they load), opening the viewer; other files as cards with an icon, name,
// size and a download, text and code files with their first lines, PDFs with their first page
// (the server's thumbnail, where it could draw one). A file whose bytes have
// not reached the server says "waiting to upload"; its author may cancel it, which takes it off
// the message.
import { type Attachment, isImageAttachment } from "@openvibe/schema";
import { type ReactNode, useState } from "react";
import { useObservable } from "../../state/observable.ts";
import { useFiles } from "./files-context.tsx";
import { fileIcon, formatBytes } from "./format.ts";
import { ImageViewer } from "./ImageViewer.tsx";
import { isPreviewable, TextPreview } from "./TextPreview.tsx";
import { type FileState, useFileUrl } from "./use-file-url.ts";
import "./files.css";

/** The box a thumbnail is fitted in, in CSS pixels. */
const THUMBNAIL_WIDTH = 320;
const THUMBNAIL_HEIGHT = 240;

export interface AttachmentsProps {
  attachments: readonly Attachment[];
  /** Present on the person's own message: cancels a file not yet uploaded. */
  onCancel?: ((attachmentId: string) => void) | undefined;
}

function UploadState({
  attachment,
  state,
  onCancel,
}: {
  attachment: Attachment;
  state: FileState;
  onCancel?: ((attachmentId: string) => void) | undefined;
}): ReactNode {
  const pending = useObservable(useFiles().outbox.pending).get(attachment.id);
  if (pending !== undefined) {
    const percent = Math.floor((pending.sent / attachment.size) * 100);
    return (
      <span className="upload-state" role="status">
        {pending.error !== null
          ? `Not uploaded: ${pending.error}`
          : pending.sent > 0
            ? `uploading ${percent}%`
            : "waiting to upload"}
        {onCancel !== undefined && (
          <button type="button" onClick={() => onCancel(attachment.id)}>
            Cancel upload
          </button>
        )}
      </span>
    );
  }
  if (state === "pending") return <span className="upload-state">waiting to upload</span>;
  if (state === "missing") return <span className="upload-state">no longer available</span>;
  if (state === "offline") return <span className="upload-state">not available offline</span>;
  return null;
}

function ImageTile(props: {
  attachment: Attachment;
  onOpen(): void;
  onCancel?: ((attachmentId: string) => void) | undefined;
}): ReactNode {
  const { attachment, onOpen, onCancel } = props;
  const { url, state } = useFileUrl(attachment, "thumbnail");
  const { width: w, height: h } = attachment;
  const width =
    w === undefined || h === undefined
      ? THUMBNAIL_WIDTH
      : Math.round(Math.min(w, THUMBNAIL_WIDTH, (THUMBNAIL_HEIGHT * w) / h));
  const ratio =
    attachment.width !== undefined && attachment.height !== undefined
      ? `${attachment.width} / ${attachment.height}`
      : "4 / 3";
  return (
    <figure className="attachment-image">
      <button
        type="button"
        className="attachment-thumbnail"
        style={{ width, aspectRatio: ratio }}
        onClick={onOpen}
        aria-label={`Open image ${attachment.name}`}
      >
        {url !== null && <img src={url} alt={attachment.name} />}
      </button>
      <figcaption>
        <UploadState attachment={attachment} state={state} onCancel={onCancel} />
      </figcaption>
    </figure>
  );
}

/** A PDF's first page as the server drew it; nothing while there is none. */
function PdfFirstPage({ attachment }: { attachment: Attachment }): ReactNode {
  const { url } = useFileUrl(attachment, "thumbnail");
  if (url === null) return null;
  return <img className="attachment-page" src={url} alt={`First page of ${attachment.name}`} />;
}

function FileCard(props: {
  attachment: Attachment;
  onCancel?: ((attachmentId: string) => void) | undefined;
}): ReactNode {
  const { attachment, onCancel } = props;
  const { cache } = useFiles();
  const pending = useObservable(useFiles().outbox.pending).get(attachment.id);
  const [problem, setProblem] = useState<string | null>(null);
  const download = async () => {
    const lookup =
      pending !== undefined
        ? { kind: "ready" as const, blob: pending.blob }
        : await cache.get(attachment.id, "original");
    if (lookup.kind !== "ready") {
      setProblem(
        lookup.kind === "offline" ? "Not available offline" : "The file is not available yet",
      );
      return;
    }
    setProblem(null);
    const url = URL.createObjectURL(lookup.blob);
    const link = document.createElement("a");
    link.href = url;
    link.download = attachment.name;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  };
  return (
    <div className="attachment-card">
      <span className="attachment-icon" aria-hidden="true">
        {fileIcon(attachment.type)}
      </span>
      <span className="attachment-name">{attachment.name}</span>
      <span className="attachment-size">{formatBytes(attachment.size)}</span>
      <button
        type="button"
        onClick={() => void download()}
        aria-label={`Download ${attachment.name}`}
      >
        Download
      </button>
      <UploadState attachment={attachment} state="ready" onCancel={onCancel} />
      {problem !== null && <span className="upload-state">{problem}</span>}
      {isPreviewable(attachment) && <TextPreview attachment={attachment} />}
      {/* The person's own PDF still in the outbox has no drawn page yet. */}
      {attachment.type === "application/pdf" && pending === undefined && (
        <PdfFirstPage attachment={attachment} />
      )}
    </div>
  );
}

export function Attachments({ attachments, onCancel }: AttachmentsProps): ReactNode {
  const [viewing, setViewing] = useState<number | null>(null);
  if (attachments.length === 0) return null;
  const images = attachments.filter(isImageAttachment);
  const others = attachments.filter((attachment) => !isImageAttachment(attachment));
  return (
    <div className="attachments">
      {images.length > 0 && (
        <div className="attachment-images">
          {images.map((attachment, index) => (
            <ImageTile
              key={attachment.id}
              attachment={attachment}
              onOpen={() => setViewing(index)}
              onCancel={onCancel}
            />
          ))}
        </div>
      )}
      {others.map((attachment) => (
        <FileCard key={attachment.id} attachment={attachment} onCancel={onCancel} />
      ))}
      {viewing !== null && (
        <ImageViewer
          images={images}
          index={viewing}
          onIndexChange={setViewing}
          onClose={() => setViewing(null)}
        />
      )}
    </div>
  );
}
