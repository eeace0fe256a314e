import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PolicybotError } from '../errors.ts';
import type { ParsedDocument } from '../types.ts';
import { parseHtml } from './parse-html.ts';
import { parseTextDocument } from './parse-text.ts';
import { readSidecar } from './sidecar.ts';
import { parseSourceMetadata } from './source-metadata.ts';

/** File extensions ingest reads. */
export const SUPPORTED_EXTENSIONS = ['.txt', '.md', '.markdown', '.html', '.htm', '.pdf', '.docx'] as const;

/**
 * Reads and parses one file by its extension, with its source metadata (front matter, then its
 * `.meta.yaml` sidecar, which wins). Throws PARSE_FAILED (with the reason) for an empty, binary,
 * corrupt or unreadable file, METADATA_INVALID naming a bad field, UNSUPPORTED_FILE for other
 * extensions; the caller skips the file and reports why. `maxExpandedBytes` bounds what an
 * archive (.docx) may expand to.
 */
export async function parseFile(
  absPath: string,
  file: string,
  limits: { maxExpandedBytes?: number } = {},
): Promise<ParsedDocument> {
  const doc = await parseByType(absPath, file, limits);
  const sidecar = await readSidecar(absPath, file);
  const metadata = { ...doc.metadata, ...sidecar?.metadata };
  const source = parseSourceMetadata(metadata, file);
  return { ...doc, metadata, source, title: source.title ?? doc.title };
}

async function parseByType(
  absPath: string,
  file: string,
  limits: { maxExpandedBytes?: number },
): Promise<ParsedDocument> {
  const ext = path.extname(absPath).toLowerCase();
  let bytes: Uint8Array;
  try {
    bytes = await readFile(absPath);
  } catch (error) {
    throw new PolicybotError(
      'PARSE_FAILED',
      `${file}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`,
    );
  }
  switch (ext) {
    case '.txt':
      return parseTextDocument(bytes, file, 'plain');
    case '.md':
    case '.markdown':
      return parseTextDocument(bytes, file, 'markdown');
    case '.html':
    case '.htm':
      return parseHtml(bytes, file);
    // pdfjs and mammoth load only when a PDF or DOCX is parsed: each costs a noticeable start-up.
    case '.pdf':
      return (await import('./parse-pdf.ts')).parsePdf(bytes, file);
    case '.docx':
      return (await import('./parse-docx.ts')).parseDocx(bytes, file, limits);
    default:
      throw new PolicybotError(
        'UNSUPPORTED_FILE',
        `${file}: unsupported file type ${ext || '(none)'}.`,
        `Supported: ${SUPPORTED_EXTENSIONS.join(' ')}.`,
      );
  }
}
