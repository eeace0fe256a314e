// The passage thread's module (see passage-thread.ts): loads the model (PassageModel, mean pooling
// inside its session), then embeds the batches of token ids it is sent, in order, one forward
// pass at a time.
import { parentPort, workerData } from 'node:worker_threads';
import { nameThread } from '../lib/thread-name.ts';
import { PassageModel } from './passage-model.ts';
import { dropJob, enqueueBatch } from './passage-queue.ts';
import type { PassageReply, PassageRequest, PassageWorkerData } from './passage-thread.ts';

const port = parentPort;
if (!port) throw new Error('passage-worker.ts runs only as a worker thread (see passage-thread.ts).');
const data = workerData as PassageWorkerData;
/** Batches to run, each with when it arrived (see ForwardPassTiming). */
const queue: (PassageRequest & { receivedAt: number })[] = [];
let draining = false;

// ONNX Runtime's threads, started while the model loads, keep the name this thread has then.
nameThread('passage-onnx');
// Its tokenizer stays on the main thread.
const model = await PassageModel.load(data);
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
  if (!draining) void drain();
});
port.postMessage({ type: 'ready' } satisfies PassageReply);

let drained: Promise<void> = Promise.resolve();

/**
 * Ends the thread in order: no batch after the one running, then the exit, never during a
 * forward pass. When the exit tore the thread down while ONNX Runtime was running, the
 * process's heap was at times corrupted (tests/embed/passage-thread.test.ts under load: 5
 * runs in 40 crashed; none in 40 since, 12 of them two at a time). The model's dispose is
 * called on the way, but onnxruntime-node 1.14's releases nothing (its session handler's
 * dispose is empty): the session goes with the thread.
 */
async function closeThread(): Promise<void> {
  queue.length = 0;
  await drained;
  await model.dispose();
  process.exit(0);
}

/** Runs the queued batches in order; replies as each is embedded. */
function drain(): Promise<void> {
  drained = _drain();
  return drained;
}

async function _drain(): Promise<void> {
  draining = true;
  // Requests that arrive while a batch runs are taken in the same run.
  for (let request = queue.shift(); request; request = queue.shift()) {
    try {
      const { vectors, forwardMs, poolMs, startedAt, pooledInModel } = await model.embed(_lists(request));
      const forward = { startedAt, ms: forwardMs, receivedAt: request.receivedAt };
      const reply: PassageReply = { type: 'done', id: request.id, vectors, forwardMs, poolMs, forward, pooledInModel };
      port!.postMessage(
        reply,
        vectors.map((v) => v.buffer as ArrayBuffer),
      );
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      port!.postMessage({ type: 'error', id: request.id, message } satisfies PassageReply);
    }
    // Each forward pass is synchronous here: let new requests (and drops, and close) in between.
    await new Promise((resolve) => setImmediate(resolve));
  }
  draining = false;
}

/** The request's token-id lists, one per passage. */
function _lists({ ids, lengths }: PassageRequest): Int32Array[] {
  const lists: Int32Array[] = [];
  for (let at = 0, row = 0; row < lengths.length; at += lengths[row++]!)
    lists.push(ids.subarray(at, at + lengths[row]!));
  return lists;
}
