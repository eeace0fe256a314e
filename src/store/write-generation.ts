import path from 'node:path';
import type { Chunk } from '../types.ts';
import { saveChunks } from './chunk-store.ts';
import { createGeneration, discardGeneration, pruneGenerations, publishGeneration } from './generations.ts';
import { LexicalIndex } from './lexical/lexical-index.ts';
import { type LexicalOptions, lexicalInput } from './lexical/lexical-options.ts';
import { LEXICAL_FORMAT_VERSION } from './lexical/lexical-storage.ts';
import { VECTORS_FILE } from './load-index.ts';
import { writeManifest } from './manifest.ts';
import type { IndexManifest } from './types.ts';
import { VectorIndex } from './vector-index.ts';
import { diskFullError, indexWriteError, isDiskFull } from './write-errors.ts';

export interface GenerationContent {
  chunks: readonly Chunk[];
  /** One per chunk, same order; empty for a lexical-only index. */
  vectors: readonly Float32Array[];
  lexicalOptions?: Partial<LexicalOptions>;
  /** The manifest without what the writer fills in (lexical settings, chunk count, time). */
  manifest: Omit<IndexManifest, 'lexical' | 'chunkCount' | 'builtAt'>;
}

export interface WriteHooks {
  /** Called after each of the three write steps. */
  onStep?: (done: number) => void;
  /** Called just before CURRENT switches; throwing there publishes nothing (lost lock, abort). */
  beforePublish?: () => Promise<void>;
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
  try {
    const generation = await createGeneration(indexDir);
    pending = generation.name;
    const dir = generation.dir;
    await saveChunks(dir, content.chunks);
    const lexical = LexicalIndex.build(content.chunks.map(lexicalInput), content.lexicalOptions);
    await lexical.save(dir);
    hooks.onStep?.(1);
    const model = content.manifest.model;
    if (model && content.chunks.length > 0) {
      const index = VectorIndex.create(model.dimensions, content.chunks.length);
      for (const [doc, v] of content.vectors.entries()) index.add(v, doc);
      await index.save(path.join(dir, VECTORS_FILE));
    }
    hooks.onStep?.(2);
    const manifest: IndexManifest = {
      ...content.manifest,
      builtAt: new Date().toISOString(),
      lexical: { ...lexical.options, analyzerVersion: LEXICAL_FORMAT_VERSION },
      chunkCount: content.chunks.length,
    };
    await writeManifest(dir, manifest);
    await hooks.beforePublish?.();
    await publishGeneration(indexDir, generation.name);
    pending = null;
    hooks.onStep?.(3);
    await pruneGenerations(indexDir, [generation.name, ...(previous ? [previous] : [])]);
    return generation.name;
  } catch (error) {
    if (pending) await discardGeneration(indexDir, pending).catch(() => undefined);
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
