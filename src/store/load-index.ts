import path from 'node:path';
import { PolicybotError } from '../errors.ts';
import { loadChunks } from './chunk-store.ts';
import { readCurrentGeneration } from './generations.ts';
import { LexicalIndex } from './lexical/lexical-index.ts';
import { readManifest } from './manifest.ts';
import { INDEX_FORMAT_VERSION, type IndexManifest, type LoadedIndex } from './types.ts';
import { VectorIndex } from './vector-index.ts';

export { readCurrentGeneration } from './generations.ts';

export const VECTORS_FILE = 'vectors.hnsw';

/**
 * Loads the live generation of `indexDir` (chunks, BM25 index, vectors when built with a model).
 * Throws INDEX_MISSING / INDEX_INCOMPATIBLE / INDEX_CORRUPT with a hint naming the command to run.
 */
export async function loadIndex(indexDir: string): Promise<LoadedIndex> {
  const name = await readCurrentGeneration(indexDir);
  if (!name) throw new PolicybotError('INDEX_MISSING', `No index in ${indexDir}.`, 'Run `npm run ingest` to build it.');
  const dir = path.join(indexDir, name);
  const manifest = await readManifest(dir);
  const [{ chunks, close }, lexical] = await Promise.all([loadChunks(dir), LexicalIndex.load(dir)]);
  if (chunks.length !== manifest.chunkCount || lexical.size !== chunks.length) {
    close();
    throw new PolicybotError(
      'INDEX_CORRUPT',
      `The index in ${dir} is inconsistent (${chunks.length} chunks, manifest says ${manifest.chunkCount}).`,
      'Run `npm run ingest` to rebuild it.',
    );
  }
  let vectors: VectorIndex | null = null;
  if (manifest.model && chunks.length > 0) {
    vectors = await VectorIndex.load(path.join(dir, VECTORS_FILE), manifest.model.dimensions).catch(
      (error: unknown) => {
        close();
        throw new PolicybotError(
          'INDEX_CORRUPT',
          `Cannot read the vectors in ${dir} (${(error as Error).message}).`,
          'Run `npm run ingest` to rebuild the index.',
        );
      },
    );
  }
  return { dir, manifest, chunks, lexical, vectors, close };
}

/**
 * Whether the index can serve with the model loaded now: 'missing' (none yet), 'stale' (built
 * with another model, without one while a model is loaded, or by another format version) or
 * 'ok'. Without a model (`modelId` null) an index with vectors is 'ok': its keyword index is
 * whole, and rebuilding it without vectors would throw them away because the model was off or
 * failed to load once. Cheap: reads only the manifest.
 */
export async function indexStatus(
  indexDir: string,
  expected: { modelId: string | null },
): Promise<'missing' | 'stale' | 'ok'> {
  const name = await readCurrentGeneration(indexDir);
  if (!name) return 'missing';
  try {
    const manifest = await readManifest(path.join(indexDir, name));
    if (manifest.formatVersion !== INDEX_FORMAT_VERSION) return 'stale';
    if (expected.modelId === null) return 'ok';
    return manifest.model?.id === expected.modelId ? 'ok' : 'stale';
  } catch (error) {
    if (error instanceof PolicybotError && error.code === 'INDEX_MISSING') return 'missing';
    return 'stale';
  }
}

/**
 * The model the live generation of `indexDir` was built with: its manifest entry, null for an
 * index without vectors, undefined when there is no readable index. Cheap: reads only the
 * manifest, so a command can decide whether loading a model could help before paying for it.
 */
export async function liveIndexModel(indexDir: string): Promise<IndexManifest['model'] | undefined> {
  const name = await readCurrentGeneration(indexDir);
  if (!name) return undefined;
  try {
    return (await readManifest(path.join(indexDir, name))).model;
  } catch {
    return undefined;
  }
}
