import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { multipliesMatrices } from './model-compute.ts';

/** What transformers.js calls to create a session: onnxruntime-node's `InferenceSession.create`. */
interface SessionFactory {
  create(model: string | Uint8Array, options?: object): Promise<unknown>;
}

/**
 * ONNX Runtime threads for the passage thread's forward passes, chosen by the model (its file's
 * bytes). A model that multiplies matrices (any transformer encoder) gets one per CPU: its
 * forward passes are most of an ingest's work, and the other threads' work (parsing and
 * tokenizing on the main thread, HNSW inserts) is small beside them. A model that only looks
 * its tokens' vectors up gets half the CPUs, at least one: its forward pass is nearly free,
 * and ONNX Runtime's threads spin while they wait for work, taking the CPU the build's other
 * threads need (on 2 CPUs, the lookup fixture's ingest took about 0.5 CPU-s more with 2).
 * With `spareCpu` (the bot, which answers questions while it rebuilds), an encoder gets one CPU
 * fewer, at least one.
 */
export function passageOnnxThreads(model: Uint8Array, spareCpu = false): number {
  const cpus = availableParallelism();
  if (!multipliesMatrices(model)) return Math.max(1, Math.floor(cpus / 2));
  return spareCpu ? Math.max(1, cpus - 1) : cpus;
}

/**
 * Runs `load` (a transformers.js model load) with the ONNX Runtime session of the model file
 * `file` given `threads` intra-op threads. transformers.js 2.x passes only its execution
 * providers to `InferenceSession.create`, with the file's bytes, and onnxruntime-node 1.14
 * ignores every session option given with bytes (its binding reads them from the wrong
 * argument): a session created from bytes of `file`'s size is created from `file`'s path
 * instead, on the CPU (the only provider the binding has on Linux), with `threads` (or as
 * many as it gives for the model's bytes). The model is the same, so are its outputs. Other sessions are created as asked. With `sessionFile`,
 * the session is created from the file it gives for the bytes instead (a model made from
 * `file`'s, see pooled-model-file.ts); when it throws, so does the load.
 */
export async function withOnnxThreads<T>(
  file: string,
  threads: number | ((model: Uint8Array) => number),
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
          intraOpNumThreads: typeof threads === 'number' ? threads : threads(model),
        })
      : create.call(InferenceSession, model, options);
  try {
    return await load();
  } finally {
    InferenceSession.create = create;
  }
}
