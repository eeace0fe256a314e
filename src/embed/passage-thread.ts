import type { Worker } from 'node:worker_threads';
import { startReadyWorker } from '../lib/module-worker.ts';
import { WorkerRequests } from '../lib/worker-requests.ts';
import type { ForwardPassTiming } from './forward-batch.ts';
import type { PassageModelFiles } from './passage-model.ts';
import type { QueuedBatch } from './passage-queue.ts';

/** What the passage thread loads: the model the main thread loaded, from the same folder. */
export type PassageWorkerData = PassageModelFiles;

/** One batch: its passages' token ids back to back, and each passage's count (see passage-queue.ts for job and urgent). */
export interface PassageRequest extends QueuedBatch {
  type: 'embed';
  id: number;
  ids: Int32Array;
  lengths: Int32Array;
}

export type PassageReply =
  | { type: 'ready' }
  | ({ type: 'done'; id: number } & EmbeddedBatch)
  | { type: 'error'; id: number; message: string };

/** One embedPassages call's batches on the thread. */
export interface PassageJob {
  id: number;
  urgent: boolean;
}

/** A batch's vectors (one per passage, in order), the forward pass's time (and when) and the pooling's. */
export interface EmbeddedBatch {
  vectors: Float32Array[];
  forwardMs: number;
  poolMs: number;
  forward: ForwardPassTiming;
  /** Pooled inside the model (see PassageModel), not in JavaScript. */
  pooledInModel: boolean;
}

/** How {@link PassageThread.embedAll} runs one embedPassages call. */
export interface PassageCall<B extends { lists: ArrayLike<number>[] }> {
  /** Ahead of the batches already queued that are not (a rebuild's). */
  urgent: boolean;
  /** Each batch's vectors, as they come (throwing fails the call). */
  done: (batch: B, vectors: Float32Array[]) => void;
  /** Embeds a batch elsewhere (this thread), once the passage thread has stopped. */
  here: (lists: ArrayLike<number>[]) => Promise<Float32Array[]>;
  /**
   * Where the thread's times and passages are added up (those pooled inside the model too; each
   * forward pass's timing, once `forwards` is a list).
   */
  stats: {
    forwardMs: number;
    poolMs: number;
    texts: number;
    pooledInModel: number;
    forwards: ForwardPassTiming[] | null;
  };
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
  private readonly requests: WorkerRequests<EmbeddedBatch>;
  private nextJob = 0;

  private constructor(private readonly worker: Worker) {
    this.requests = new WorkerRequests(worker, 'passage');
    worker.on('message', (reply: PassageReply) => {
      if (reply.type === 'done') this.requests.resolve(reply.id, reply);
      else if (reply.type === 'error') this.requests.reject(reply.id, new Error(reply.message));
    });
  }

  /** Starts the thread and waits until its model is loaded; rejects with the reason it could not. */
  static async start(data: PassageWorkerData): Promise<PassageThread> {
    return new PassageThread(await startReadyWorker(import.meta.url, 'passage-worker', { workerData: data }));
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
    return this.requests.stopped;
  }

  /**
   * One call's batches, to {@link drop} them together. An urgent call's batches (an answer's)
   * run before the batches already queued that are not (a rebuild's).
   */
  newJob(urgent = false): PassageJob {
    return { id: this.nextJob++, urgent };
  }

  /**
   * One embedPassages call's batches, as one job: a batch left when the thread stops is
   * embedded `here`; on any other failure, the job's batches not yet run are dropped.
   */
  async embedAll<B extends { lists: ArrayLike<number>[] }>(batches: Iterable<B>, call: PassageCall<B>): Promise<void> {
    const job = this.newJob(call.urgent);
    const all = [...batches].map(async (batch) => {
      const embedded = await this.embed(job, batch.lists).catch((error: unknown) => {
        if (!this.stopped) throw error;
        return null;
      });
      if (!embedded) return call.done(batch, await call.here(batch.lists));
      call.stats.forwardMs += embedded.forwardMs;
      call.stats.poolMs += embedded.poolMs;
      call.stats.texts += batch.lists.length;
      if (embedded.pooledInModel) call.stats.pooledInModel += batch.lists.length;
      call.stats.forwards?.push(embedded.forward);
      call.done(batch, embedded.vectors);
    });
    for (const one of all) one.catch(() => undefined);
    await Promise.all(all).catch((error: unknown) => {
      this.drop(job);
      throw error;
    });
  }

  /** Embeds one batch of token-id lists (special tokens included, unpadded) on the thread. */
  embed(job: PassageJob, lists: readonly ArrayLike<number>[]): Promise<EmbeddedBatch> {
    const { id, reply } = this.requests.open(job.id);
    if (id < 0) return reply;
    const lengths = Int32Array.from(lists, (list) => list.length);
    const ids = new Int32Array(lengths.reduce((sum, n) => sum + n, 0));
    let at = 0;
    for (const list of lists) {
      ids.set(list, at);
      at += list.length;
    }
    const request: PassageRequest = { type: 'embed', id, job: job.id, urgent: job.urgent, ids, lengths };
    this.worker.postMessage(request, [ids.buffer, lengths.buffer]);
    return reply;
  }

  /** Drops the job's batches not yet run (after its call failed): their promises reject now. */
  drop(job: PassageJob): void {
    if (this.stopped) return;
    this.worker.postMessage({ type: 'drop', job: job.id });
    this.requests.rejectGroup(job.id, new Error('Dropped.'));
  }

  /**
   * Stops the thread; batches still pending reject. The thread ends itself once its forward
   * pass in progress is done: `terminate()` during one aborts the whole process (ONNX Runtime's
   * binding throws into a thread being torn down).
   */
  async close(): Promise<void> {
    if (this.stopped) return;
    this.requests.failAll(new Error('The passage thread was closed.'));
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    // Held open until the thread has ended: a caller awaiting close() is not left unsettled.
    this.worker.ref();
    this.worker.postMessage({ type: 'close' });
    await exited;
  }
}
