import type { Embedder } from '../embed/embedder.ts';
import { formatEmbeddingInput } from '../ingest/chunk-document.ts';
import type { FileResult } from './corpus-file.ts';
import type { VectorFileWriter } from './vector-file.ts';

/**
 * Passages embedded per call: their vectors go to the vector file's graph (built in a worker
 * thread) before the next ones are. As many as the embedder sorts by length at a time by
 * default (32 × 16), so its batches are the same as in one call.
 */
const SLICE = 512;
/** Slices embedding at once, at most: parsing waits beyond (bounds the token ids queued for the passage thread). */
const MAX_SLICES_AHEAD = 4;

/**
 * The build's embedding step, fed file by file as the corpus is parsed: one vector per chunk,
 * in the files' order (doc i is the i-th chunk). Vectors carried over from the previous
 * generation are kept; the other chunks are embedded a slice at a time, in doc order, as soon
 * as a slice is parsed (the embedder reuses the token ids it counted them with while
 * chunking). With an embedder that runs the model on another thread, the slices overlap the
 * parsing of the next files and the writing of the passages; otherwise they run one after
 * another. Progress is reported from {@link finish} on, after each batch; an abort (or
 * {@link cancel}) stops at the next batch. A slice that fails stops the others at their next
 * batch, and the next {@link add} (or {@link finish}) throws its error.
 */
export class ChunkEmbedding {
  private readonly vectors: Float32Array[] = [];
  private missing: { doc: number; text: string }[] = [];
  private embedded = 0;
  /** Vectors known before the vector file was: they go to it on {@link finish}. */
  private ready: number[] = [];
  private vectorFile: VectorFileWriter | null = null;
  private slices: Promise<void> = Promise.resolve();
  private readonly running: Promise<void>[] = [];
  /** Slices not yet embedded (settled either way: a failure is seen by finish()). */
  private readonly ahead = new Set<Promise<void>>();
  private done = 0;
  private total = -1;
  private readonly stop = new AbortController();
  /** The first slice's failure: the others stop at their next batch, and add() throws it. */
  private failure: unknown = null;

  constructor(
    private readonly embedder: Embedder,
    private readonly options: {
      signal?: AbortSignal;
      onProgress?: (event: { phase: 'embed'; done: number; total: number }) => void;
    },
  ) {}

  /**
   * The next file's chunks, right after it is parsed (or carried over). Resolves once fewer
   * than a few slices are being embedded: the parsing does not run far ahead of the model.
   */
  async add(result: FileResult): Promise<void> {
    this._throwFailure();
    const kept: number[] = [];
    for (const [i, chunk] of result.chunks.entries()) {
      const doc = this.vectors.length;
      const vector = result.vectors?.[i];
      this.vectors.push(vector ?? new Float32Array(0));
      if (vector) kept.push(doc);
      else this.missing.push({ doc, text: formatEmbeddingInput(chunk) });
    }
    this._known(kept);
    while (this.missing.length >= SLICE) this._embed(this.missing.splice(0, SLICE));
    while (this.ahead.size > MAX_SLICES_AHEAD) await Promise.race(this.ahead);
    this._throwFailure();
  }

  /**
   * Every file is in: embeds what is left, gives every vector to `vectorFile` (made now that
   * the number of docs is known), and resolves with all vectors once each is there.
   */
  async finish(vectorFile: VectorFileWriter | null): Promise<{ vectors: Float32Array[]; embedded: number }> {
    if (this.missing.length > 0) this._embed(this.missing.splice(0));
    this.vectorFile = vectorFile;
    const ready = this.ready;
    this.ready = [];
    this._known(ready);
    this.total = this.embedded;
    if (this.done > 0) this.options.onProgress?.({ phase: 'embed', done: this.done, total: this.total });
    // The first failure, not a slice stopped because of it.
    await Promise.all(this.running).catch((error: unknown) => {
      throw this.failure ?? error;
    });
    return { vectors: this.vectors, embedded: this.embedded };
  }

  /** Stops at the next batch (the build failed elsewhere). */
  cancel(): void {
    this.stop.abort();
  }

  private _embed(slice: { doc: number; text: string }[]): void {
    this.embedded += slice.length;
    const run = async () => {
      this._checkStopped();
      let reported = 0;
      const fresh = await this.embedder.embedPassages(
        slice.map((m) => m.text),
        (done) => {
          this._progress(done - reported);
          reported = done;
        },
        // Behind an answer's passages on the passage thread (the bot answers while it rebuilds).
        { background: true },
      );
      for (const [i, m] of slice.entries()) this.vectors[m.doc] = fresh[i]!;
      this._known(slice.map((m) => m.doc));
    };
    // An embedder that runs the model here takes one slice at a time; one running it elsewhere, all at once.
    const slice$ = this.embedder.passagesInBackground ? run() : this.slices.then(run);
    this.slices = slice$.catch(() => undefined);
    // One slice failed: the build fails now (add() or finish() throws), the other slices stop.
    slice$.catch((error: unknown) => {
      this.failure ??= error;
      this.stop.abort();
    });
    this.running.push(slice$);
    const settled: Promise<void> = slice$.then(
      () => void this.ahead.delete(settled),
      () => void this.ahead.delete(settled),
    );
    this.ahead.add(settled);
  }

  private _throwFailure(): void {
    if (this.failure !== null) throw this.failure;
  }

  private _checkStopped(): void {
    if (this.stop.signal.aborted) throw new Error('The build stopped.');
    this.options.signal?.throwIfAborted();
  }

  private _progress(more: number): void {
    this._checkStopped();
    this.done += more;
    if (this.total >= 0) this.options.onProgress?.({ phase: 'embed', done: this.done, total: this.total });
  }

  private _known(docs: number[]): void {
    if (docs.length === 0) return;
    if (!this.vectorFile) for (const doc of docs) this.ready.push(doc);
    else
      this.vectorFile.add(
        docs,
        docs.map((doc) => this.vectors[doc]!),
      );
  }
}
