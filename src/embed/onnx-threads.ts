import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';

/** What transformers.js calls to create a session: onnxruntime-node's `InferenceSession.create`. */
interface SessionFactory {
  create(model: string | Uint8Array, options?: object): Promise<unknown>;
}

/**
 * ONNX Runtime threads for the passage thread's forward passes: half the CPUs, at least one.
 * ONNX Runtime's default is one per physical core, and its threads spin while they wait for
 * work; the build's other threads (parsing and tokenizing on the main thread, pooling, HNSW
 * inserts) need CPU beside it. On 2 CPUs, 1: the fixture's ingest then took about 0.5 CPU-s
 * less (the second thread's), and no longer (see the README's ingest figures).
 */
export function passageOnnxThreads(): number {
  return Math.max(1, Math.floor(availableParallelism() / 2));
}

/**
 * Runs `load` (a transformers.js model load) with the ONNX Runtime session of the model file
 * `file` given `threads` intra-op threads. transformers.js 2.x passes only its execution
 * providers to `InferenceSession.create`, with the file's bytes, and onnxruntime-node 1.14
 * ignores every session option given with bytes (its binding reads them from the wrong
 * argument): a session created from bytes of `file`'s size is created from `file`'s path
 * instead, on the CPU (the only provider the binding has on Linux), with `threads`. The model
 * is the same, so are its outputs. Other sessions are created as asked. With `sessionFile`,
 * the session is created from the file it gives for the bytes instead (a model made from
 * `file`'s, see pooled-model-file.ts); when it throws, so does the load.
 */
export async function withOnnxThreads<T>(
  file: string,
  threads: number,
  load: () => Promise<T>,
  sessionFile: (bytes: Uint8Array) => Promise<string> = async () => file,
): Promise<T> {
  // The onnxruntime-node transformers.js itself imports.
  const transformers = createRequire(import.meta.url).resolve('@xenova/transformers');
  const { InferenceSession } = createRequire(transformers)('onnxruntime-node') as { InferenceSession: SessionFactory };
  const create = InferenceSession.create;
  const size = statSync(file, { throwIfNoEntry: false })?.size;
  InferenceSession.create = async (model, options) =>
    model instanceof Uint8Array && model.byteLength === size
      ? create.call(InferenceSession, await sessionFile(model), {
          executionProviders: ['cpu'],
          intraOpNumThreads: threads,
        })
      : create.call(InferenceSession, model, options);
  try {
    return await load();
  } finally {
    InferenceSession.create = create;
  }
}
