import path from 'node:path';
import { AutoModel, type PreTrainedModel } from '@xenova/transformers';
import { forwardBatch } from './forward-batch.ts';
import { meanPoolNormalized } from './mean-pool.ts';
import { passageOnnxThreads, withOnnxThreads } from './onnx-threads.ts';
import { forwardPooled, isPooledSession, type PooledSession } from './pooled-forward.ts';
import { pooledModelFile } from './pooled-model-file.ts';
import type { BatchOptions } from './token-ids.ts';
import { configureTransformers } from './transformers-env.ts';

/** The model the passage thread loads (the one the main thread loaded, from the same folder). */
export interface PassageModelFiles {
  modelId: string;
  modelsDir: string;
  quantized: boolean;
  /** How the main thread's tokenizer pads and truncates (see batchOptionsOf). */
  batchOptions: BatchOptions;
  /** Leave a CPU to the rest of the process (see passageOnnxThreads). */
  spareCpu?: boolean;
}

/** A batch's vectors, the forward pass's time and the pooling's (in milliseconds), and when the pass started (see ForwardPassTiming). */
export interface PassageVectors {
  vectors: Float32Array[];
  forwardMs: number;
  poolMs: number;
  startedAt: number;
  /** Pooled inside the model, not in JavaScript. */
  pooledInModel: boolean;
}

/** How {@link PassageModel.load} makes the pooled model file, and where it says it cannot pool inside the model. */
export interface PassageModelHooks {
  pooledFile?: (source: string, bytes: Uint8Array) => Promise<string>;
  warn?: (message: string) => void;
}

/**
 * The passage thread's model, loaded with transformers.js (AutoModel, as the feature-extraction
 * pipeline loads it; ONNX Runtime with passageOnnxThreads). Mean pooling runs inside its ONNX
 * Runtime session (see pooled-graph.ts): only the pooled vectors leave it, not the hidden state
 * (12 MB for 32 passages of 256 tokens at width 384), and only their L2 normalisation runs in
 * JavaScript. Vectors differ from mean_pooling's in the last bits (a float32 product instead of
 * float64 sums; cosine above 0.99999, tested). When the pooled model cannot be made, loaded or
 * run, this warns and embeds as the pipeline does from then on: the model as transformers.js
 * loads it, its hidden state pooled here with meanPoolNormalized.
 */
export class PassageModel {
  private constructor(
    private model: PreTrainedModel,
    private pooled: boolean,
    private readonly files: PassageModelFiles,
    private readonly warn: (message: string) => void,
  ) {}

  /** Loads the model from `files.modelsDir` (transformers.js set to read it there, downloads off). */
  static async load(files: PassageModelFiles, hooks: PassageModelHooks = {}): Promise<PassageModel> {
    configureTransformers({ modelsDir: files.modelsDir, allowRemote: false });
    const warn = hooks.warn ?? ((message: string) => process.emitWarning(message));
    const pooledFile = hooks.pooledFile ?? pooledModelFile;
    const source = _modelFile(files);
    let failure = 'its session has no pooled output';
    // A pooled file that cannot be made: the model itself, loaded once.
    const sessionFile = (bytes: Uint8Array) =>
      pooledFile(source, bytes).catch((error: unknown) => {
        failure = _message(error);
        return source;
      });
    try {
      const model = await _load(files, sessionFile);
      if (isPooledSession(model.session as PooledSession)) return new PassageModel(model, true, files, warn);
      warn(_fallbackWarning(source, failure));
      return new PassageModel(model, false, files, warn);
    } catch (error) {
      // ONNX Runtime could not load the pooled model: the model itself then (which throws,
      // without a warning, when it cannot be loaded either).
      const model = await _load(files);
      warn(_fallbackWarning(source, _message(error)));
      return new PassageModel(model, false, files, warn);
    }
  }

  /** True while mean pooling runs inside the model's session. */
  get pooledInModel(): boolean {
    return this.pooled;
  }

  /** One batch of token-id lists (special tokens included, unpadded): its normalised vectors. */
  async embed(lists: readonly ArrayLike<number>[]): Promise<PassageVectors> {
    if (this.pooled) {
      try {
        const { vectors, ms, poolMs, startedAt } = await forwardPooled(
          this.model.session,
          lists,
          this.files.batchOptions,
        );
        return { vectors, forwardMs: ms, poolMs, startedAt, pooledInModel: true };
      } catch (error) {
        this.warn(_fallbackWarning(_modelFile(this.files), _message(error)));
        await this.model.dispose();
        this.pooled = false;
        this.model = await _load(this.files);
      }
    }
    const { hidden, dims, mask, ms, startedAt } = await forwardBatch(this.model, lists, this.files.batchOptions);
    const started = performance.now();
    const vectors = meanPoolNormalized(hidden, dims, mask);
    return { vectors, forwardMs: ms, poolMs: performance.now() - started, startedAt, pooledInModel: false };
  }

  /**
   * Asks transformers.js to release the model's ONNX Runtime session (onnxruntime-node 1.14's
   * releases nothing: the session is freed once nothing refers to it, or with the thread).
   */
  async dispose(): Promise<void> {
    await this.model.dispose();
  }
}

function _modelFile({ modelsDir, modelId, quantized }: PassageModelFiles): string {
  return path.join(modelsDir, modelId, 'onnx', quantized ? 'model_quantized.onnx' : 'model.onnx');
}

/** The model as the feature-extraction pipeline loads it, its session from `sessionFile`'s file when given. */
function _load(
  files: PassageModelFiles,
  sessionFile?: (bytes: Uint8Array) => Promise<string>,
): Promise<PreTrainedModel> {
  const load = () => AutoModel.from_pretrained(files.modelId, { quantized: files.quantized, revision: 'main' });
  const threads = (model: Uint8Array) => passageOnnxThreads(model, files.spareCpu);
  return withOnnxThreads(_modelFile(files), threads, load, sessionFile);
}

function _message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function _fallbackWarning(source: string, reason: string): string {
  return `Passages are mean-pooled in JavaScript, not inside the model ${source} (${reason}).`;
}
