import type { Embedder } from '../embed/embedder.ts';
import { formatEmbeddingInput } from '../ingest/chunk-document.ts';
import type { FileResult } from './corpus-file.ts';

/**
 * The build's embedding step: one vector per chunk, in the files' order. Vectors carried over
 * from the previous generation are kept; the other chunks are embedded in one call (the
 * embedder batches them, and reuses the token ids it counted them with while chunking).
 * Progress after each batch; an abort stops between batches.
 */
export async function embedChunks(
  results: readonly FileResult[],
  embedder: Embedder,
  options: {
    signal?: AbortSignal;
    onProgress?: (event: { phase: 'embed'; done: number; total: number }) => void;
  },
): Promise<{ vectors: Float32Array[]; embedded: number }> {
  const missing = results.flatMap((r) => (r.vectors ? [] : r.chunks));
  const fresh = await embedder.embedPassages(
    missing.map((c) => formatEmbeddingInput(c)),
    (done, total) => {
      options.signal?.throwIfAborted();
      options.onProgress?.({ phase: 'embed', done, total });
    },
  );
  let next = 0;
  const vectors = results.flatMap((r) => r.vectors ?? r.chunks.map(() => fresh[next++] as Float32Array));
  return { vectors, embedded: fresh.length };
}
