// The passage thread's module (see passage-thread.ts): loads the model with transformers.js,
// then embeds the batches of token ids it is sent, in order, one forward pass at a time, each
// batch pooled on a pooling thread of its own while the model runs the next.
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { AutoModel, type PreTrainedModel } from '@xenova/transformers';
import { nameThread } from '../lib/thread-name.ts';
import { forwardBatch } from './forward-batch.ts';
import { passageOnnxThreads, withOnnxThreads } from './onnx-threads.ts';
import { dropJob, enqueueBatch } from './passage-queue.ts';
import type { PassageReply, PassageRequest, PassageWorkerData } from './passage-thread.ts';
import { MAX_BATCHES_POOLING, PoolingThread, poolBatch } from './pooling-thread.ts';
import { configureTransformers } from './transformers-env.ts';

const port = parentPort;
if (!port) throw new Error('passage-worker.ts runs only as a worker thread (see passage-thread.ts).');
const data = workerData as PassageWorkerData;
/** Batches to run, each with when it arrived (see ForwardPassTiming). */
const queue: (PassageRequest & { receivedAt: number })[] = [];
let draining = false;

// ONNX Runtime's threads, started while the model loads, keep the name this thread has then.
nameThread('passage-onnx');
configureTransformers({ modelsDir: data.modelsDir, allowRemote: false });
// The model class and options the feature-extraction pipeline loads it with (the others at their
// defaults, as there, except ONNX Runtime's thread count); its tokenizer stays on the main thread.
const file = path.join(data.modelsDir, data.modelId, 'onnx', data.quantized ? 'model_quantized.onnx' : 'model.onnx');
const model = await withOnnxThreads(file, passageOnnxThreads(), () =>
  AutoModel.from_pretrained(data.modelId, { quantized: data.quantized, revision: 'main' }),
);
// Started before this thread takes its own name, after the model's load (a thread that ends
// while loading its modules because the model failed to load is not started): its helper
// threads (tsx's module loader, from the TypeScript sources) keep the name 'passage-onnx'.
const pooling = await PoolingThread.start();
nameThread('passage');

port.on('message', (request: PassageRequest | { type: 'drop'; job: number } | { type: 'close' }) => {
  // Messages arrive between forward passes: ending here never interrupts ONNX Runtime inside
  // one (terminating the thread then aborts the whole process).
  if (request.type === 'close') {
    void closeThread();
    return;
  }
  if (request.type === 'drop') dropJob(queue, request.job);
  else enqueueBatch(queue, { ...request, receivedAt: performance.timeOrigin + performance.now() });
  if (!draining) void drain(model);
});
port.postMessage({ type: 'ready' } satisfies PassageReply);

let drained: Promise<void> = Promise.resolve();

/**
 * Ends the thread in order: no batch after the one running, then the pooling thread and the
 * model's ONNX Runtime session released here, then the exit. When the exit tore the thread
 * down with its session and pooling thread still alive, the process's heap was at times
 * corrupted (tests/embed/passage-thread.test.ts under load: 5 runs in 40 crashed; none in 16
 * since).
 */
async function closeThread(): Promise<void> {
  queue.length = 0;
  await drained;
  await pooling?.close();
  await model.dispose();
  process.exit(0);
}

/** Runs the queued batches in order; replies as each is pooled. */
function drain(model: PreTrainedModel): Promise<void> {
  drained = _drain(model);
  return drained;
}

async function _drain(model: PreTrainedModel): Promise<void> {
  draining = true;
  const waiting: Promise<void>[] = [];
  // Requests that arrive while the last replies are awaited are taken in the same run.
  while (queue.length > 0 || waiting.length > 0) {
    const request = queue.shift();
    if (!request) {
      await waiting.shift();
      continue;
    }
    const replied = embed(model, request).then(
      ({ vectors, forwardMs, poolMs, startedAt }) => {
        const forward = { startedAt, ms: forwardMs, receivedAt: request.receivedAt };
        const reply: PassageReply = { type: 'done', id: request.id, vectors, forwardMs, poolMs, forward };
        port!.postMessage(
          reply,
          vectors.map((v) => v.buffer as ArrayBuffer),
        );
      },
      (error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        port!.postMessage({ type: 'error', id: request.id, message } satisfies PassageReply);
      },
    );
    waiting.push(replied);
    // Each forward pass is synchronous here: let the pooling replies and new requests in between.
    if (waiting.length > MAX_BATCHES_POOLING) await waiting.shift();
    else await new Promise((resolve) => setImmediate(resolve));
  }
  draining = false;
}

async function embed(
  model: PreTrainedModel,
  { ids, lengths }: PassageRequest,
): Promise<{ vectors: Float32Array[]; forwardMs: number; poolMs: number; startedAt: number }> {
  const lists: Int32Array[] = [];
  for (let at = 0, row = 0; row < lengths.length; at += lengths[row++]!)
    lists.push(ids.subarray(at, at + lengths[row]!));
  const forwarded = await forwardBatch(model, lists, data.batchOptions);
  // A pooling thread that has stopped (or stops with this batch) leaves pooling here.
  const pooled = await poolBatch(pooling, forwarded, () => forwardBatch(model, lists, data.batchOptions));
  return { vectors: pooled.vectors, forwardMs: forwarded.ms, poolMs: pooled.ms, startedAt: forwarded.startedAt };
}
