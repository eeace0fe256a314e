import type { Chunk } from '../types.ts';
import type { ChunkEmbedding } from './embed-chunks.ts';
import type { IngestLock } from './ingest-lock.ts';
import type { LexicalOptions } from './lexical/lexical-options.ts';
import type { LexicalThreadSettings } from './lexical-thread.ts';
import { type GenerationContent, writeGeneration } from './write-generation.ts';

/**
 * The build's last step, once the corpus is parsed: the passages and the lexical index are
 * written while the last passages are still embedded (on the passage thread), the vector
 * graph grows in its own worker thread as vectors come (see VectorFileWriter) and is written
 * once the last is in; then the generation goes live, unless the build was aborted or lost
 * its lock meanwhile. Write progress is reported once the embedding's is over (one progress
 * bar at a time). Any failure leaves the previous generation serving.
 */
export async function writeBuild(
  options: {
    indexDir: string;
    lexicalOptions?: Partial<LexicalOptions>;
    /** Where the lexical index is built (see LexicalWrite), and its thread if started while parsing. */
    lexicalThread?: LexicalThreadSettings;
    onProgress?: (event: { phase: 'write'; done: number; total: number }) => void;
    signal?: AbortSignal;
  },
  lock: IngestLock,
  build: {
    chunks: Chunk[];
    manifest: GenerationContent['manifest'];
    previousName: string | null;
    embedding: ChunkEmbedding | null;
  },
): Promise<{ generation: string; embedded: number }> {
  const { chunks, manifest, embedding } = build;
  try {
    const vectorsAdded = embedding ? embedding.finish() : Promise.resolve({ embedded: 0 });
    // Started with the embedding's first slice, or by finish() now.
    const vectorFile = embedding?.vectorFile ?? null;
    // Awaited by the writer (or below); not an unhandled rejection meanwhile.
    vectorsAdded.catch(() => undefined);
    const embedded = vectorsAdded.then(
      () => undefined,
      () => undefined,
    );
    const progress = (done: number) =>
      void embedded.then(() => options.onProgress?.({ phase: 'write', done, total: 3 }));
    options.signal?.throwIfAborted();
    progress(0);
    const content: GenerationContent = {
      chunks,
      manifest,
      ...(vectorFile ? { vectorFile, vectorsAdded } : {}),
      ...(options.lexicalOptions ? { lexicalOptions: options.lexicalOptions } : {}),
      ...(options.lexicalThread ? { lexicalThread: options.lexicalThread } : {}),
    };
    const generation = await writeGeneration(options.indexDir, content, build.previousName, {
      onStep: progress,
      ...(options.signal ? { signal: options.signal } : {}),
      beforePublish: async () => {
        options.signal?.throwIfAborted();
        await lock.assertHeld();
      },
    });
    return { generation, embedded: (await vectorsAdded).embedded };
  } catch (error) {
    await embedding?.cancel();
    throw error;
  }
}
