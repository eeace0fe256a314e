import { readFile } from 'node:fs/promises';
import { parseYamlMetadata } from './front-matter.ts';

/** A document's metadata file sits beside it: `report.pdf` → `report.pdf.meta.yaml`. */
export const SIDECAR_SUFFIX = '.meta.yaml';

/** The sidecar path of a document path (absolute or display). */
export function sidecarOf(filePath: string): string {
  return filePath + SIDECAR_SUFFIX;
}

/** True for a sidecar file name; ingest reads it with its document, never on its own. */
export function isSidecar(filePath: string): boolean {
  return filePath.toLowerCase().endsWith(SIDECAR_SUFFIX);
}

/**
 * Reads a document's sidecar: its fields and raw bytes (whose hash decides re-processing), or
 * null when there is none. A sidecar that is not a YAML mapping throws PARSE_FAILED.
 */
export async function readSidecar(
  absPath: string,
  file: string,
): Promise<{ metadata: Record<string, string>; bytes: Buffer } | null> {
  const bytes = await readFile(sidecarOf(absPath)).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (!bytes) return null;
  const metadata = parseYamlMetadata(
    bytes.toString('utf8'),
    `${sidecarOf(file)}`,
    'Fix the YAML in that file (one "field: value" per line).',
  );
  return { metadata, bytes };
}
