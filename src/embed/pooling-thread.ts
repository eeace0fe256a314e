import type { Worker } from 'node:worker_threads';
import { startReadyWorker } from '../lib/module-worker.ts';
import { WorkerRequests } from '../lib/worker-requests.ts';
import { meanPoolNormalized } from './mean-pool.ts';

/** A forward pass's output, with the attention mask of its inputs: what pooling reads. */
export interface Forwarded {
  hidden: Float32Array;
  dims: number[];
  mask: BigInt64Array;
}

/** One batch to pool, as sent to the thread. */
export interface PoolRequest extends Forwarded {
  id: number;
}

/** A pooled batch, and how long the thread took over it. */
export interface Pooled {
  vectors: Float32Array[];
  ms: number;
}

/** Batches whose hidden states may wait for the pooling thread at once (12 MB each at 32 × 256 × 384). */
export const MAX_BATCHES_POOLING = 2;

/**
 * Mean pooling on a second thread (pooling-worker.ts, with `meanPoolNormalized` itself) for
 * passages embedded on the main thread (the passage thread pools inside the model, see
 * passage-model.ts), so that a batch is pooled while the model runs the next one: with a
 * small model, pooling reads as much memory as the forward pass writes. The thread holds the
 * process open only while it has work. Each request's buffers are moved, not copied, both ways.
 */
export class PoolingThread {
  private readonly requests: WorkerRequests<Pooled>;

  /** A started thread, once it is ready, or null when this process cannot start one (the caller pools itself). */
  static async start(): Promise<PoolingThread | null> {
    try {
      return new PoolingThread(await startReadyWorker(import.meta.url, 'pooling-worker'));
    } catch {
      return null;
    }
  }

  private constructor(private readonly worker: Worker) {
    this.requests = new WorkerRequests(worker, 'pooling');
    this.worker.on('message', (reply: { id: number; vectors: Float32Array[]; ms: number }) =>
      this.requests.resolve(reply.id, { vectors: reply.vectors, ms: reply.ms }),
    );
  }

  /** Ends the thread (between batches: it runs only JavaScript). */
  async close(): Promise<void> {
    this.requests.failAll(new Error('The pooling thread was closed.'));
    await this.worker.terminate();
  }

  /** True once the thread has stopped: batches must be pooled elsewhere. */
  get stopped(): boolean {
    return this.requests.stopped;
  }

  /**
   * `meanPoolNormalized(hidden, dims, mask)`, on the thread. `hidden` and `mask` are
   * moved there: the caller must not read them afterwards.
   */
  pool(hidden: Float32Array, dims: readonly number[], mask: BigInt64Array): Promise<Pooled> {
    const { id, reply } = this.requests.open();
    if (id < 0) return reply;
    // Moved whole: a view on part of a larger buffer is copied first, so the rest stays readable here.
    const own = <T extends Float32Array | BigInt64Array>(a: T): T =>
      a.byteOffset === 0 && a.byteLength === a.buffer.byteLength ? a : (a.slice() as T);
    const [h, m] = [own(hidden), own(mask)];
    const request: PoolRequest = { id, hidden: h, dims: [...dims], mask: m };
    this.worker.postMessage(request, [h.buffer as ArrayBuffer, m.buffer as ArrayBuffer]);
    return reply;
  }
}

/**
 * A forward pass's vectors: pooled on `thread` while it runs, else here, with the same function.
 * When the thread stops with the batch (its hidden states were moved there), `forwardAgain`
 * runs the forward pass anew and the batch is pooled here: the same vectors.
 */
export async function poolBatch(
  thread: PoolingThread | null,
  forwarded: Forwarded,
  forwardAgain: () => Promise<Forwarded>,
): Promise<Pooled> {
  let batch = forwarded;
  if (thread && !thread.stopped) {
    const pooled = await thread.pool(batch.hidden, batch.dims, batch.mask).catch(() => null);
    if (pooled) return pooled;
    batch = await forwardAgain();
  }
  const started = performance.now();
  const vectors = meanPoolNormalized(batch.hidden, batch.dims, batch.mask);
  return { vectors, ms: performance.now() - started };
}
