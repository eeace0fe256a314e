import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { Chunk } from '../types.ts';
import { saveChunks } from './chunk-store.ts';
import {
  createGeneration,
  discardGeneration,
  pruneGenerations,
  publishGeneration,
  syncFiles,
  syncTree,
  writePointer,
} from './generations.ts';
import type { LexicalOptions } from './lexical/lexical-options.ts';
import { LEXICAL_FORMAT_VERSION } from './lexical/lexical-storage.ts';
import { type LexicalThreadSettings, LexicalWrite } from './lexical-thread.ts';
import { VECTORS_FILE } from './load-index.ts';
import { writeManifest } from './manifest.ts';
import type { IndexManifest } from './types.ts';
import type { VectorFileWriter } from './vector-file.ts';
import { diskFullError, indexWriteError, isDiskFull } from './write-errors.ts';

export interface GenerationContent {
  chunks: readonly Chunk[];
  /** The vectors' graph (see VectorFileWriter); none for a lexical-only index. */
  vectorFile?: VectorFileWriter;
  /**
   * Resolves once `vectorFile` has been given every vector (they may still be embedded while
   * the passages are written); a rejection fails the write.
   */
  vectorsAdded?: Promise<unknown>;
  lexicalOptions?: Partial<LexicalOptions>;
  /** Where the lexical index is built (see LexicalWrite): by size unless set. */
  lexicalThread?: LexicalThreadSettings;
  /** The manifest without what the writer fills in (lexical settings, chunk count, time). */
  manifest: Omit<IndexManifest, 'lexical' | 'chunkCount' | 'builtAt'>;
}

export interface WriteHooks {
  /** Called after each of the three write steps. */
  onStep?: (done: number) => void;
  /** Called just before CURRENT switches; throwing there publishes nothing (lost lock, abort). */
  beforePublish?: () => Promise<void>;
  /** Aborting it ends the lexical index's thread at once (the write then fails with its reason). */
  signal?: AbortSignal;
}

/**
 * Writes a complete generation into a partial folder and makes it live (see generations.ts),
 * then prunes generations older than `previous`. Only for the holder of the ingest lock. On any
 * failure the partial output is removed and the previous generation keeps serving; ENOSPC
 * becomes DISK_FULL (how much is needed and free), EACCES/EROFS INDEX_NOT_WRITABLE.
 */
export async function writeGeneration(
  indexDir: string,
  content: GenerationContent,
  previous: string | null,
  hooks: WriteHooks = {},
): Promise<string> {
  let pending: string | null = null;
  const vectors = content.vectorFile ?? null;
  let lexical: LexicalWrite | null = null;
  /** CURRENT's next content, written ahead (see writePointer): removed if the write fails. */
  let pointer: Promise<string | null> | null = null;
  try {
    const generation = await createGeneration(indexDir);
    pending = generation.name;
    const dir = generation.dir;
    // The vector graph is finished and written in a worker thread meanwhile, once every vector is
    // in, then synced (the rest is, while the last vectors are embedded).
    const vectorsWritten = vectors
      ? Promise.resolve(content.vectorsAdded)
          .then(() => vectors.write(path.join(dir, VECTORS_FILE), content.chunks.length))
          .then(() => syncFiles(dir, [VECTORS_FILE]))
      : undefined;
    // Awaited below (or never, after a failure meanwhile): not an unhandled rejection.
    vectorsWritten?.catch(() => undefined);
    // Built and written on a thread of its own (for all but small corpora) while the passages are saved.
    lexical = new LexicalWrite(dir, content.chunks, content.lexicalOptions, content.lexicalThread, hooks.signal);
    await saveChunks(dir, content.chunks);
    const lexicalOptions = await lexical.written;
    const manifest: IndexManifest = {
      ...content.manifest,
      builtAt: new Date().toISOString(),
      lexical: { ...lexicalOptions, analyzerVersion: LEXICAL_FORMAT_VERSION },
      chunkCount: content.chunks.length,
    };
    await writeManifest(dir, manifest);
    // On disk while the last vectors are embedded, and so is CURRENT's next content: publishing
    // has only the vector file left to sync, and two renames.
    const written = writePointer(indexDir, generation.name);
    pointer = written.catch(() => null);
    const synced = Promise.all([syncTree(dir), written]);
    // Awaited below (or never, after a failure meanwhile): not an unhandled rejection.
    synced.catch(() => undefined);
    hooks.onStep?.(1);
    await vectorsWritten;
    const [, tmp] = await synced;
    hooks.onStep?.(2);
    await hooks.beforePublish?.();
    await publishGeneration(indexDir, generation.name, { synced: true, pointer: tmp });
    pending = null;
    pointer = null;
    hooks.onStep?.(3);
    await pruneGenerations(indexDir, [generation.name, ...(previous ? [previous] : [])]);
    return generation.name;
  } catch (error) {
    await Promise.all([vectors?.cancel(), lexical?.cancel()]);
    if (pending) await discardGeneration(indexDir, pending).catch(() => undefined);
    const tmp = await pointer;
    if (tmp) await rm(tmp, { force: true });
    if (isDiskFull(error)) throw await diskFullError(error, indexDir, estimateGenerationBytes(content));
    throw indexWriteError(error, indexDir);
  }
}

/**
 * Roughly what a generation takes on disk: texts, their metadata, postings (about the size of
 * the texts) and vectors with their graph links.
 */
export function estimateGenerationBytes(content: GenerationContent): number {
  let chars = 0;
  for (const c of content.chunks) chars += c.charEnd - c.charStart;
  const dims = content.manifest.model?.dimensions ?? 0;
  const perVector = dims > 0 ? dims * 4 + 16 * 2 * 4 + 64 : 0;
  return Math.round(chars * 1.2 * 2 + content.chunks.length * (400 + perVector));
}
