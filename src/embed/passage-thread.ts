import type { Worker } from 'node:worker_threads';
import { startReadyWorker } from '../lib/module-worker.ts';
import type { QueuedBatch } from './passage-queue.ts';
import type { BatchOptions } from './token-ids.ts';

/** What the passage thread loads: the model the main thread loaded, from the same folder. */
export interface PassageWorkerData {
  modelId: string;
  modelsDir: string;
  quantized: boolean;
  /** How the main thread's tokenizer pads and truncates (see batchOptionsOf). */
  batchOptions: BatchOptions;
}

/** One batch: its passages' token ids back to back, and each passage's count (see passage-queue.ts for job and urgent). */
export interface PassageRequest extends QueuedBatch {
  type: 'embed';
  id: number;
  ids: Int32Array;
  lengths: Int32Array;
}

export type PassageReply =
  | { type: 'ready' }
  | { type: 'done'; id: number; vectors: Float32Array[]; forwardMs: number; poolMs: number }
  | { type: 'error'; id: number; message: string };

/** One embedPassages call's batches on the thread. */
export interface PassageJob {
  id: number;
  urgent: boolean;
}

/** A batch's vectors (one per passage, in order), the forward pass's time and the pooling's. */
export interface EmbeddedBatch {
  vectors: Float32Array[];
  forwardMs: number;
  poolMs: number;
}

interface Pending {
  job: number;
  resolve: (batch: EmbeddedBatch) => void;
  reject: (error: Error) => void;
}

/**
 * The model's forward passes (and pooling) for passages, on a thread of their own (see
 * passage-worker.ts): ONNX Runtime runs a forward pass synchronously on the thread that calls
 * it, so here it no longer blocks this thread's event loop, and the build parses, tokenizes
 * and writes while the model runs. The worker loads the same model files with transformers.js;
 * batches go in as token ids and come back as vectors, in order. The thread holds the process
 * open only while it has work.
 */
export class PassageThread {
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private nextJob = 0;
  /** Why the thread stopped, once it has: later batches fail at once. */
  private failure: Error | null = null;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (reply: PassageReply) => {
      if (reply.type === 'ready') return;
      const request = this.pending.get(reply.id);
      this._settled(reply.id);
      if (reply.type === 'done') request?.resolve(reply);
      else request?.reject(new Error(reply.message));
    });
    worker.on('error', (error) => this._failAll(error));
    worker.on('exit', (code) => this._failAll(new Error(`The passage thread stopped (exit code ${code}).`)));
  }

  /** Starts the thread and waits until its model is loaded; rejects with the reason it could not. */
  static async start(data: PassageWorkerData): Promise<PassageThread> {
    const worker = await startReadyWorker(import.meta.url, 'passage-worker', { workerData: data });
    worker.unref();
    return new PassageThread(worker);
  }

  /**
   * {@link start}, given up after `timeoutMs` (none: as long as it takes): rejects then, and a
   * thread that starts later after all is closed at once.
   */
  static async startWithin(data: PassageWorkerData, timeoutMs?: number): Promise<PassageThread> {
    const start = PassageThread.start(data);
    if (timeoutMs === undefined) return start;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`the passage thread did not start within ${timeoutMs / 1000} s`)),
        timeoutMs,
      );
    });
    try {
      return await Promise.race([start, timeout]);
    } catch (error) {
      void start.then(
        (late) => late.close(),
        () => undefined,
      );
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  /** True once the thread has stopped: batches must be embedded elsewhere. */
  get stopped(): boolean {
    return this.failure !== null;
  }

  /**
   * One call's batches, to {@link drop} them together. An urgent call's batches (an answer's)
   * run before the batches already queued that are not (a rebuild's).
   */
  newJob(urgent = false): PassageJob {
    return { id: this.nextJob++, urgent };
  }

  /** Embeds one batch of token-id lists (special tokens included, unpadded) on the thread. */
  embed(job: PassageJob, lists: readonly ArrayLike<number>[]): Promise<EmbeddedBatch> {
    if (this.failure) return Promise.reject(this.failure);
    const lengths = Int32Array.from(lists, (list) => list.length);
    const ids = new Int32Array(lengths.reduce((sum, n) => sum + n, 0));
    let at = 0;
    for (const list of lists) {
      ids.set(list, at);
      at += list.length;
    }
    const id = this.nextId++;
    const result = new Promise<EmbeddedBatch>((resolve, reject) =>
      this.pending.set(id, { job: job.id, resolve, reject }),
    );
    if (this.pending.size === 1) this.worker.ref();
    const request: PassageRequest = { type: 'embed', id, job: job.id, urgent: job.urgent, ids, lengths };
    this.worker.postMessage(request, [ids.buffer, lengths.buffer]);
    return result;
  }

  /** Drops the job's batches not yet run (after its call failed): their promises reject now. */
  drop(job: PassageJob): void {
    if (this.failure) return;
    this.worker.postMessage({ type: 'drop', job: job.id });
    for (const [id, request] of this.pending) {
      if (request.job !== job.id) continue;
      request.reject(new Error('Dropped.'));
      this._settled(id);
    }
  }

  /** Stops the thread; batches still pending reject. */
  async close(): Promise<void> {
    this._failAll(new Error('The passage thread was closed.'));
    await this.worker.terminate();
  }

  private _settled(id: number): void {
    this.pending.delete(id);
    if (this.pending.size === 0) this.worker.unref();
  }

  private _failAll(error: Error): void {
    this.failure ??= error;
    for (const [id, request] of this.pending) {
      request.reject(error);
      this._settled(id);
    }
  }
}
