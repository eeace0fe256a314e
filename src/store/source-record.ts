import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { sidecarOf } from '../ingest/sidecar.ts';
import { findDocumentStatements } from '../ingest/status-statements.ts';
import type { ParsedDocument } from '../types.ts';
import type { ManifestFile } from './types.ts';

/** SHA-256 of a document's `.meta.yaml` sidecar, or undefined when it has none. */
export async function hashSidecar(absPath: string): Promise<string | undefined> {
  const bytes = await readFile(sidecarOf(absPath)).catch(() => null);
  return bytes ? createHash('sha256').update(bytes).digest('hex') : undefined;
}

/**
 * The manifest fields about a document as a source: its metadata, the sidecar's hash, and the
 * sentences in it that state an instrument's status. Empty fields are left out.
 */
export function sourceRecord(
  doc: ParsedDocument,
  sidecarSha256: string | undefined,
): Pick<ManifestFile, 'sidecarSha256' | 'source' | 'statements'> {
  const statements = findDocumentStatements(doc);
  return {
    ...(sidecarSha256 ? { sidecarSha256 } : {}),
    ...(doc.source && Object.keys(doc.source).length > 0 ? { source: doc.source } : {}),
    ...(statements.length > 0 ? { statements } : {}),
  };
}
