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
const queue: PassageRequest[] = [];
let draining = false;

// Started before this thread names itself (the ingest bench tells threads apart by name): a
// thread started later takes the name, and so would the pooling thread's own helper threads
// (tsx's module loader, from the TypeScript sources) until it names itself.
const poolingStarted = PoolingThread.start();
// ONNX Runtime's threads, started while the model loads, keep the name this thread has then.
nameThread('passage-onnx');
configureTransformers({ modelsDir: data.modelsDir, allowRemote: false });
// The model class and options the feature-extraction pipeline loads it with (the others at their
// defaults, as there, except ONNX Runtime's thread count); its tokenizer stays on the main thread.
const file = path.join(data.modelsDir, data.modelId, 'onnx', data.quantized ? 'model_quantized.onnx' : 'model.onnx');
const model = await withOnnxThreads(file, passageOnnxThreads(), () =>
  AutoModel.from_pretrained(data.modelId, { quantized: data.quantized, revision: 'main' }),
);
nameThread('passage');
const pooling = await poolingStarted;

port.on('message', (request: PassageRequest | { type: 'drop'; job: number } | { type: 'close' }) => {
  // Messages arrive between forward passes: ending here never interrupts ONNX Runtime inside
  // one (terminating the thread then aborts the whole process).
  if (request.type === 'close') process.exit(0);
  if (request.type === 'drop') dropJob(queue, request.job);
  else enqueueBatch(queue, request);
  if (!draining) void drain(model);
});
port.postMessage({ type: 'ready' } satisfies PassageReply);

/** Runs the queued batches in order; replies as each is pooled. */
async function drain(model: PreTrainedModel): Promise<void> {
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
      ({ vectors, forwardMs, poolMs }) => {
        const reply: PassageReply = { type: 'done', id: request.id, vectors, forwardMs, poolMs };
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
): Promise<{ vectors: Float32Array[]; forwardMs: number; poolMs: number }> {
  const lists: Int32Array[] = [];
  for (let at = 0, row = 0; row < lengths.length; at += lengths[row++]!)
    lists.push(ids.subarray(at, at + lengths[row]!));
  const forwarded = await forwardBatch(model, lists, data.batchOptions);
  // A pooling thread that has stopped (or stops with this batch) leaves pooling here.
  const pooled = await poolBatch(pooling, forwarded, () => forwardBatch(model, lists, data.batchOptions));
  return { vectors: pooled.vectors, forwardMs: forwarded.ms, poolMs: pooled.ms };
}
