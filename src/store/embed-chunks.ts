import type { Embedder } from '../embed/embedder.ts';
import { formatEmbeddingInput } from '../ingest/chunk-document.ts';
import type { FileResult } from './corpus-file.ts';

/**
 * Passages embedded per call: their vectors go to `onVectors` (the vector graph, built in a
 * worker thread meanwhile) before the next ones are embedded. As many as the embedder sorts by
 * length at a time by default (32 × 16), so its batches are the same as in one call.
 */
const SLICE = 512;

/**
 * The build's embedding step: one vector per chunk, in the files' order (doc i is the i-th
 * chunk). Vectors carried over from the previous generation are kept; the other chunks are
 * embedded a slice at a time (the embedder batches them, and reuses the token ids it counted
 * them with while chunking). Every vector, kept or fresh, is also handed to `onVectors` with
 * its doc as soon as it is known. Progress after each batch; an abort stops between batches.
 */
export async function embedChunks(
  results: readonly FileResult[],
  embedder: Embedder,
  options: {
    signal?: AbortSignal;
    onProgress?: (event: { phase: 'embed'; done: number; total: number }) => void;
    onVectors?: (docs: number[], vectors: Float32Array[]) => void;
  },
): Promise<{ vectors: Float32Array[]; embedded: number }> {
  const vectors: Float32Array[] = [];
  const kept: number[] = [];
  const missing: { doc: number; text: string }[] = [];
  for (const r of results) {
    for (const [i, chunk] of r.chunks.entries()) {
      const doc = vectors.length;
      const vector = r.vectors?.[i];
      vectors.push(vector ?? new Float32Array(0));
      if (vector) kept.push(doc);
      else missing.push({ doc, text: formatEmbeddingInput(chunk) });
    }
  }
  if (kept.length > 0)
    options.onVectors?.(
      kept,
      kept.map((doc) => vectors[doc]!),
    );
  for (let start = 0; start < missing.length; start += SLICE) {
    const slice = missing.slice(start, start + SLICE);
    const fresh = await embedder.embedPassages(
      slice.map((m) => m.text),
      (done) => {
        options.signal?.throwIfAborted();
        options.onProgress?.({ phase: 'embed', done: start + done, total: missing.length });
      },
    );
    for (const [i, m] of slice.entries()) vectors[m.doc] = fresh[i]!;
    options.onVectors?.(
      slice.map((m) => m.doc),
      fresh,
    );
  }
  return { vectors, embedded: missing.length };
}
