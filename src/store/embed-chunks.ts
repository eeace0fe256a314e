import type { Embedder } from '../embed/embedder.ts';
import { formatEmbeddingInput } from '../ingest/chunk-document.ts';
import type { FileResult } from './corpus-file.ts';
import { PassageSlices } from './passage-slices.ts';
import { VectorFileWriter } from './vector-file.ts';

/** Passages being embedded at once, at most: parsing waits beyond (bounds the token ids queued for the passage thread). */
const MAX_AHEAD = 2048;

/**
 * The build's embedding step, fed file by file as the corpus is parsed: one vector per chunk,
 * in the files' order (doc i is the i-th chunk). Vectors carried over from the previous
 * generation are kept; the other chunks are embedded a slice at a time (see PassageSlices), in
 * doc order, as soon as a slice is parsed (the embedder reuses the token ids it counted them with while
 * chunking). With an embedder that runs the model on another thread, the slices overlap the
 * parsing of the next files and the writing of the passages; otherwise they run one after
 * another. From the first slice on (a build will be written), every vector goes to the
 * {@link vectorFile}, whose graph grows in its own thread meanwhile. Progress is reported from
 * {@link finish} on, after each batch; an abort (or {@link cancel}) stops at the next batch. A
 * slice that fails stops the others at their next batch, and the next {@link add} (or
 * {@link finish}) throws its error.
 */
export class ChunkEmbedding {
  private readonly vectors: Float32Array[] = [];
  private missing: { doc: number; text: string }[] = [];
  private embedded = 0;
  private readonly slicing = new PassageSlices();
  /** Vectors known before the vector file was started (carried over): they go to it once it is. */
  private ready: number[] = [];
  private file: VectorFileWriter | null = null;
  private slices: Promise<void> = Promise.resolve();
  private readonly running: Promise<void>[] = [];
  /** Slices not yet embedded and their passages (settled either way: a failure is seen by finish()). */
  private readonly ahead = new Map<Promise<void>, number>();
  private passagesAhead = 0;
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
   * The graph of the build's vectors: started with the first slice (before, the build may
   * still turn out to have nothing to write), or by {@link finish}; null when there are no docs.
   */
  get vectorFile(): VectorFileWriter | null {
    return this.file;
  }

  /**
   * The next file's chunks, right after it is parsed (or carried over). Resolves once fewer
   * than a few slices' passages are being embedded: the parsing does not run far ahead of the model.
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
    for (const size of this.slicing.cut(this.missing.length)) this._embed(this.missing.splice(0, size));
    while (this.passagesAhead > MAX_AHEAD) await Promise.race(this.ahead.keys());
    this._throwFailure();
  }

  /**
   * Every file is in: embeds what is left, starts the {@link vectorFile} if no slice has, and
   * resolves with all vectors once each is in it.
   */
  async finish(): Promise<{ vectors: Float32Array[]; embedded: number }> {
    for (const size of this.slicing.last(this.missing.length)) this._embed(this.missing.splice(0, size));
    if (this.vectors.length > 0) this._startVectorFile();
    this.total = this.embedded;
    if (this.done > 0) this.options.onProgress?.({ phase: 'embed', done: this.done, total: this.total });
    // The first failure, not a slice stopped because of it.
    await Promise.all(this.running).catch((error: unknown) => {
      throw this.failure ?? error;
    });
    return { vectors: this.vectors, embedded: this.embedded };
  }

  /** Stops at the next batch (the build failed elsewhere) and ends the vector file's thread. */
  async cancel(): Promise<void> {
    this.stop.abort();
    await this.file?.cancel();
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
    // Once the slice is on its way to the model (the graph's thread takes a few ms here to start).
    this._startVectorFile();
    this.slices = slice$.catch(() => undefined);
    // One slice failed: the build fails now (add() or finish() throws), the other slices stop.
    slice$.catch((error: unknown) => {
      this.failure ??= error;
      this.stop.abort();
    });
    this.running.push(slice$);
    const settled: Promise<void> = slice$.then(
      () => this._settled(settled),
      () => this._settled(settled),
    );
    this.ahead.set(settled, slice.length);
    this.passagesAhead += slice.length;
  }

  private _settled(slice: Promise<void>): void {
    this.passagesAhead -= this.ahead.get(slice) ?? 0;
    this.ahead.delete(slice);
  }

  /** Starts the graph's thread, which takes the vectors carried over so far. */
  private _startVectorFile(): void {
    if (this.file) return;
    this.file = VectorFileWriter.start(this.embedder.dimensions);
    const ready = this.ready;
    this.ready = [];
    this._known(ready);
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
    if (!this.file) for (const doc of docs) this.ready.push(doc);
    else
      this.file.add(
        docs,
        docs.map((doc) => this.vectors[doc]!),
      );
  }
}
