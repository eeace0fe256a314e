import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { DEFAULT_HNSW_PARAMS, HNSW_RANDOM_SEED } from './vector-index.ts';

/**
 * The worker's code: CommonJS in a string, so it runs the same from src/ (tsx, vitest) and
 * from the compiled dist/, with no loader. It builds the graph exactly as
 * `VectorIndex.create(dimensions, count)` followed by `add(vector, doc)` in doc order does
 * (same parameters and seed, same insertion order: the same file): vectors that arrive ahead
 * of their turn wait. The number of docs is not known when it starts (the corpus is still
 * being parsed): the graph starts with room for `capacity` and grows (resizeIndex, which
 * reallocates its arrays and leaves the links and levels as they are); on 'write' it is cut
 * to `count` exactly, the capacity the file records, and written. An error there (hnswlib
 * reports nothing when it cannot open the file, hence the check) reaches the parent as an
 * 'error' event. On 'cancel' it ends itself between two messages: terminating it from outside
 * while hnswlib runs (initIndex, addPoint) would abort the whole process, and so would ending
 * it (either way) while hnswlib saves the file: a cancel after 'write' waits for the file instead.
 * With the file written it reports its own CPU time (Linux; 0 elsewhere).
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { HierarchicalNSW } = require(workerData.hnswlib);
const { dimensions, m, efConstruction, seed } = workerData;
let capacity = Math.max(1, workerData.capacity);
const index = new HierarchicalNSW('cosine', dimensions);
index.initIndex(capacity, m, efConstruction, seed);
const point = new Array(dimensions).fill(0);
const waiting = new Map();
let next = 0;
const cpuSeconds = () => {
  try {
    return Number(require('node:fs').readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e9;
  } catch {
    return 0;
  }
};
parentPort.on('message', (message) => {
  if (message.type === 'cancel') process.exit(0);
  if (message.type === 'add') {
    for (const [i, doc] of message.docs.entries()) waiting.set(doc, message.vectors.subarray(i * dimensions, (i + 1) * dimensions));
    for (let vector = waiting.get(next); vector; vector = waiting.get(next)) {
      waiting.delete(next);
      if (next === capacity) index.resizeIndex((capacity *= 2));
      for (let d = 0; d < dimensions; d++) point[d] = vector[d];
      index.addPoint(point, next++);
    }
    return;
  }
  const { count } = message;
  if (next < count) throw new Error(String(count - next) + ' vectors were never added.');
  if (next > count) throw new Error(String(next) + ' vectors were added for ' + String(count) + ' docs.');
  index.resizeIndex(Math.max(1, count));
  index.writeIndex(message.file).then(() => {
    require('node:fs').statSync(message.file);
    parentPort.postMessage({ cpuSeconds: cpuSeconds() });
  });
});
`;

/** Room for this many vectors at first; doubled whenever full (a copy of the graph's arrays). */
const FIRST_CAPACITY = 4096;

const writerStats = { started: 0, cpuSeconds: 0 };

/**
 * Graph threads this process has started so far, and the CPU seconds those that wrote their
 * file reported (Linux, else 0): the ingest bench counts them apart from other ended threads.
 */
export function vectorFileStats(): Readonly<typeof writerStats> {
  return { ...writerStats };
}

/** Graph threads not ended yet (each ends by itself once its file is written, or is cancelled). */
const running = new Set<Promise<unknown>>();

/** Resolves once every graph thread started so far has ended (the ingest bench reads CPU by thread then). */
export async function vectorFileThreadsEnded(): Promise<void> {
  await Promise.all(running);
}

/**
 * The HNSW vector file of a build, built in a worker thread while the build goes on: vectors
 * are added as they are embedded (in any order; the graph takes them in doc order), so the
 * graph (all of it native code) grows while the corpus is still parsed, the model runs, the
 * passage store is written and the lexical index built. The file is the one {@link VectorIndex.load} reads,
 * identical to a build in this thread.
 */
export class VectorFileWriter {
  private readonly written: Promise<void>;
  private readonly exited: Promise<unknown>;
  /** 'write' was posted: the worker may be saving, and must not be ended until it is done. */
  private writing = false;

  private constructor(
    private readonly worker: Worker,
    readonly dimensions: number,
  ) {
    this.exited = new Promise((resolve) => worker.once('exit', resolve));
    this.written = new Promise<void>((resolve, reject) => {
      worker.once('message', (message: { cpuSeconds: number }) => {
        writerStats.cpuSeconds += message.cpuSeconds;
        resolve();
      });
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`The vector index writer stopped (exit code ${code}).`)));
    });
    // Awaited by write() (or never, after a failure elsewhere): not an unhandled rejection meanwhile.
    this.written.catch(() => undefined);
    // Ended once the file is written (or could not be), not waited for: the file is complete when
    // its message comes, and ending the thread takes a few ms (cancel() and threadsEnded() wait).
    const end = () => void worker.terminate();
    this.written.then(end, end);
    running.add(this.exited);
    void this.exited.then(() => running.delete(this.exited));
  }

  /** A graph for docs 0, 1, 2 …, with room for `capacity` before it first grows. */
  static start(dimensions: number, capacity = FIRST_CAPACITY): VectorFileWriter {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      // No TypeScript loader or other flags of this process: the worker runs plain CommonJS.
      execArgv: [],
      workerData: {
        hnswlib: createRequire(import.meta.url).resolve('hnswlib-node'),
        dimensions,
        capacity,
        m: DEFAULT_HNSW_PARAMS.m,
        efConstruction: DEFAULT_HNSW_PARAMS.efConstruction,
        seed: HNSW_RANDOM_SEED,
      },
    });
    writerStats.started += 1;
    return new VectorFileWriter(worker, dimensions);
  }

  /** Adds `vectors[i]` as doc `docs[i]` (copied; each doc once). */
  add(docs: readonly number[], vectors: readonly Float32Array[]): void {
    const packed = new Float32Array(docs.length * this.dimensions);
    for (const [i, vector] of vectors.entries()) {
      if (vector.length !== this.dimensions)
        throw new Error(`Expected a ${this.dimensions}-dimensional vector, got ${vector.length}.`);
      packed.set(vector, i * this.dimensions);
    }
    this.worker.postMessage({ type: 'add', docs, vectors: packed }, [packed.buffer]);
  }

  /**
   * Writes the file of docs 0 … count − 1 once every one is in; rejects when one is missing or
   * the file cannot be written. The promise may be awaited later: its failure is not an
   * unhandled rejection.
   */
  write(file: string, count: number): Promise<void> {
    this.writing = true;
    this.worker.postMessage({ type: 'write', file, count });
    return this.written;
  }

  /**
   * Stops the worker (after a failure elsewhere, before the folder is removed), once it is
   * between two steps; once the file is being written, once it is written (or has failed).
   */
  async cancel(): Promise<void> {
    if (this.writing) await this.written.catch(() => undefined);
    else this.worker.postMessage({ type: 'cancel' });
    await this.exited;
  }
}
