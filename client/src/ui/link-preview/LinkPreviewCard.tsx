// The preview under a message with a link: the first link's page title, description and image,
// fetched by the server (the image too, so this browser never contacts the linked host). Shown
// while the workspace leaves previews on, the author has not removed it and (an agent's reply)
// it is no longer being written; the author's
// "Remove preview" hides it for everyone (a document write).
import { type LinkPreview, linksIn, type MessageView, removeLinkPreview } from "@openvibe/schema";
import { type ReactNode, useEffect, useMemo, useState } from "react";
import { fetchLinkPreview, linkPreviewImagePath } from "../../api/link-preview-endpoints.ts";
import type { DocumentReplica } from "../../sync/document-replica.ts";
import { isRunning } from "../AgentReplyStatus.tsx";
import { useSignedIn } from "../services.tsx";
import type { OperationRunner } from "../use-operation.ts";
import { useWorkspaceSettings } from "../use-workspace-settings.ts";

function usePreview(url: string | null): LinkPreview | null {
  const [preview, setPreview] = useState<LinkPreview | null>(null);
  useEffect(() => {
    setPreview(null);
    if (url === null) return;
    let current = true;
    fetchLinkPreview(url).then(
      (answer) => {
        if (current) setPreview(answer);
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [url]);
  return preview;
}

export function LinkPreviewCard(props: {
  message: MessageView;
  replica: DocumentReplica;
  writable: boolean;
  operation: OperationRunner;
}): ReactNode {
  const { message, replica, operation } = props;
  const { actor } = useSignedIn();
  const enabled = useWorkspaceSettings().features.linkPreviews;
  // A reply still streaming may hold half a link: its preview waits for the whole text.
  const shown = enabled && !message.deleted && !message.previewRemoved && !isRunning(message);
  const link = useMemo(
    () => (shown ? (linksIn(message.body)[0] ?? null) : null),
    [shown, message.body],
  );
  const preview = usePreview(link);
  if (link === null || preview === null) return null;
  const mine =
    props.writable && message.author.kind === actor.kind && message.author.id === actor.id;
  return (
    <aside className="link-preview" aria-label={`Link preview: ${preview.title}`}>
      {preview.hasImage && (
        <img src={linkPreviewImagePath(preview.url)} alt="" loading="lazy" decoding="async" />
      )}
      <div className="link-preview-text">
        <a href={preview.url} target="_blank" rel="noopener noreferrer nofollow">
          {preview.title}
        </a>
        {preview.description !== null && <p>{preview.description}</p>}
      </div>
      {mine && (
        <button
          type="button"
          className="link-preview-remove"
          aria-label="Remove preview"
          title="Remove preview"
          onClick={() =>
            operation.run(() => removeLinkPreview(replica.doc, actor, { messageId: message.id }))
          }
        >
          ×
        </button>
      )}
    </aside>
  );
}
