import type * as Y from "yjs";
import { ChannelError } from "../errors.ts";
import { META_KEYS, metaMap } from "../layout.ts";
import { CURRENT_SCHEMA_VERSION } from "./registry.ts";

/** The document's schemaVersion; 0 when it has none (a fresh or pre-versioning document). */
export function readSchemaVersion(doc: Y.Doc): number {
  const version = metaMap(doc).get(META_KEYS.schemaVersion);
  return typeof version === "number" && Number.isInteger(version) && version > 0 ? version : 0;
}

export function writeSchemaVersion(doc: Y.Doc, version: number): void {
  metaMap(doc).set(META_KEYS.schemaVersion, version);
}

/** True when the document was written by newer code than this one: do not write into it. */
export function isDocumentTooNew(doc: Y.Doc): boolean {
  return readSchemaVersion(doc) > CURRENT_SCHEMA_VERSION;
}

export function assertDocumentWritable(doc: Y.Doc): void {
  if (isDocumentTooNew(doc)) {
    throw new ChannelError(
      "document_too_new",
      `document schemaVersion ${readSchemaVersion(doc)} is newer than ${CURRENT_SCHEMA_VERSION}`,
      { entity: "channel" },
    );
  }
}
