import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { isPolicybotError } from '../errors.ts';
import { isBoilerplate } from '../ingest/boilerplate.ts';
import { boundBlocks } from '../ingest/bound-blocks.ts';
import { chunkDocument } from '../ingest/chunk-document.ts';
import { extractIdentifiers } from '../ingest/identifiers.ts';
import { parseFile } from '../ingest/parse-file.ts';
import type { Chunk, CountWords } from '../types.ts';
import { hashSidecar, sourceRecord } from './source-record.ts';
import type { LoadedIndex, ManifestFile } from './types.ts';
import type { VectorIndex } from './vector-index.ts';

/** How a file's text becomes chunks: the sizes, the token counter and what each chunk is embedded with. */
export interface FileChunking {
  maxTokens: number;
  overlapTokens: number;
  countTokens: (text: string) => number;
  /** The same counts word by word, when the tokenizer gives them (see ChunkOptions.countWords). */
  countWords?: CountWords | undefined;
  /** The embedder's passage prefix (counted into each chunk's size), '' without one. */
  passagePrefix: string;
  /** Archives that expand beyond this are refused. */
  maxFileBytes?: number;
}

/** One corpus file's part of a build. */
export interface FileResult {
  file: string;
  record: ManifestFile;
  chunks: Chunk[];
  /** Vectors carried over from the previous generation (same order as chunks), if reusable. */
  vectors: Float32Array[] | null;
  /** Chunks carried over unchanged from the previous generation. */
  reused: boolean;
}

/**
 * One corpus file as chunks (and vectors): carried over from the previous generation when its
 * bytes, sidecar and the build settings are unchanged and its stored passages are intact,
 * else parsed and chunked. Throws with the reason when the file cannot be read or parsed.
 */
export async function indexFile(
  entry: { absPath: string; file: string },
  options: FileChunking,
  previous: LoadedIndex | null,
  reusable: boolean,
): Promise<FileResult> {
  const bytes = await readFile(entry.absPath).catch((error: NodeJS.ErrnoException) => {
    throw new Error(`cannot read the file (${error.code ?? error.message})`);
  });
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const sidecarSha256 = await hashSidecar(entry.absPath);
  const old = previous?.manifest.files[entry.file];
  if (previous && reusable && old?.sha256 === sha256 && old.sidecarSha256 === sidecarSha256) {
    const docs: number[] = [];
    previous.chunks.forEach((c, i) => {
      if (c.file === entry.file) docs.push(i);
    });
    // Reading each text checks its checksum: a damaged passage sends the file back to the parser.
    if (docs.every((d) => isIntact(previous.chunks[d] as Chunk))) {
      const vectors = previous.vectors ? docs.map((d) => (previous.vectors as VectorIndex).getVector(d)) : null;
      // Indexes written before boilerplate was recognised lack the flag: set it on reuse.
      const chunks = docs.map((d) => previous.chunks[d] as Chunk);
      for (const chunk of chunks) if (!chunk.boilerplate && isBoilerplate(chunk.text)) chunk.boilerplate = true;
      return { file: entry.file, record: old, chunks, vectors: previous.vectors ? vectors : null, reused: true };
    }
  }
  const parsed = await parseFile(
    entry.absPath,
    entry.file,
    options.maxFileBytes !== undefined ? { maxExpandedBytes: options.maxFileBytes } : {},
  );
  const doc = { ...parsed, blocks: boundBlocks(parsed.text, parsed.blocks) };
  const chunks = chunkDocument(doc, {
    maxTokens: options.maxTokens,
    overlapTokens: options.overlapTokens,
    countTokens: options.countTokens,
    countWords: options.countWords,
    passagePrefix: options.passagePrefix,
    extractIdentifiers,
  });
  const record = {
    sha256,
    bytes: bytes.length,
    chunks: chunks.length,
    title: doc.title,
    ...sourceRecord(doc, sidecarSha256),
  };
  return { file: entry.file, record, chunks, vectors: null, reused: false };
}

function isIntact(chunk: Chunk): boolean {
  try {
    return chunk.text.length >= 0;
  } catch (error) {
    if (isPolicybotError(error, 'INDEX_DAMAGED')) return false;
    throw error;
  }
}
