// The image viewer: one of a message's images at full size, with zoom, previous and next,
// download, and Esc (or Close) to leave. Arrow keys move between images, + and - zoom.
import type { Attachment } from "@openvibe/schema";
import { type ReactNode, useEffect, useRef, useState } from "react";
import { useFileUrl } from "./use-file-url.ts";

export interface ImageViewerProps {
  images: readonly Attachment[];
  index: number;
  onIndexChange(index: number): void;
  onClose(): void;
}

const ZOOMS = [0.5, 1, 1.5, 2, 3, 4] as const;

export function ImageViewer(props: ImageViewerProps): ReactNode {
  const image = props.images[props.index];
  return image === undefined ? null : <Viewer {...props} image={image} />;
}

function Viewer({
  image,
  images,
  index,
  onIndexChange,
  onClose,
}: ImageViewerProps & { image: Attachment }): ReactNode {
  const [zoom, setZoom] = useState(1);
  const dialog = useRef<HTMLDivElement>(null);
  const { url } = useFileUrl(image, "original");
  const zoomIn = () => setZoom((z) => ZOOMS.find((step) => step > z) ?? z);
  const zoomOut = () => setZoom((z) => [...ZOOMS].reverse().find((step) => step < z) ?? z);
  const go = (step: number) => {
    setZoom(1);
    onIndexChange((index + step + images.length) % images.length);
  };

  useEffect(() => {
    dialog.current?.focus();
  }, []);

  return (
    <div
      ref={dialog}
      className="image-viewer"
      role="dialog"
      aria-modal="true"
      aria-label={`Image ${index + 1} of ${images.length}: ${image.name}`}
      tabIndex={-1}
      onKeyDown={(event) => {
        if (event.key === "Escape") onClose();
        else if (event.key === "ArrowRight" && images.length > 1) go(1);
        else if (event.key === "ArrowLeft" && images.length > 1) go(-1);
        else if (event.key === "+" || event.key === "=") zoomIn();
        else if (event.key === "-") zoomOut();
        else return;
        event.preventDefault();
      }}
    >
      <div className="image-viewer-bar">
        <span className="image-viewer-name">
          {image.name} ({index + 1}/{images.length})
        </span>
        <button type="button" onClick={zoomOut} aria-label="Zoom out">
          −
        </button>
        <output aria-label="Zoom">{Math.round(zoom * 100)}%</output>
        <button type="button" onClick={zoomIn} aria-label="Zoom in">
          +
        </button>
        {images.length > 1 && (
          <>
            <button type="button" onClick={() => go(-1)}>
              Previous
            </button>
            <button type="button" onClick={() => go(1)}>
              Next
            </button>
          </>
        )}
        {url !== null && (
          <a href={url} download={image.name}>
            Download
          </a>
        )}
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      <div className="image-viewer-stage">
        {url !== null && (
          <img
            src={url}
            alt={image.name}
            width={image.width}
            height={image.height}
            style={{ transform: `scale(${zoom})` }}
          />
        )}
      </div>
    </div>
  );
}
