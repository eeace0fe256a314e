import { env, pipeline, type FeatureExtractionPipeline } from '@xenova/transformers';
import type { Embedder } from './embedder.ts';

export interface EmbedderOptions {
  /** Hugging Face model id, e.g. `Xenova/all-MiniLM-L6-v2`. */
  modelId: string;
  /** Local model folder: `<modelsDir>/<modelId>/` is tried first, and downloads are cached there. */
  modelsDir: string;
  /** Download from the hub when the model is not in `modelsDir`. */
  allowRemote: boolean;
  /** int8 `model_quantized.onnx` (default) or fp32 `model.onnx`. */
  quantized?: boolean;
  queryPrefix?: string;
  passagePrefix?: string;
  /** Passages per forward pass (default 32). */
  batchSize?: number;
  /** Input window cap in tokens (default 256: all-MiniLM-L6-v2 was trained on 256). */
  maxTokens?: number;
  onDownloadProgress?: (info: { file: string; loaded: number; total: number; status: string }) => void;
}

/**
 * Sentence embeddings with transformers.js: feature extraction, mean pooling over the
 * attention mask, L2 normalisation, so dot product equals cosine similarity.
 */
export class TransformersEmbedder implements Embedder {
  private constructor(
    private readonly extractor: FeatureExtractionPipeline,
    readonly modelId: string,
    readonly dimensions: number,
    readonly maxTokens: number,
    readonly queryPrefix: string,
    readonly passagePrefix: string,
    private readonly batchSize: number,
  ) {}

  /** Loads the model (from `modelsDir`, else the hub when allowed); throws when it cannot. */
  static async load(options: EmbedderOptions): Promise<TransformersEmbedder> {
    env.localModelPath = ensureTrailingSlash(options.modelsDir);
    env.cacheDir = options.modelsDir;
    env.allowLocalModels = true;
    env.allowRemoteModels = options.allowRemote;
    const extractor = (await pipeline('feature-extraction', options.modelId, {
      quantized: options.quantized ?? true,
      progress_callback: (info: { status: string; file?: string; loaded?: number; total?: number }) =>
        options.onDownloadProgress?.({ file: info.file ?? '', loaded: info.loaded ?? 0, total: info.total ?? 0, status: info.status }),
    })) as FeatureExtractionPipeline;
    const tokenizerMax = Number((extractor.tokenizer as unknown as { model_max_length?: number }).model_max_length) || 512;
    const maxTokens = Math.min(tokenizerMax, options.maxTokens ?? 256);
    const probe = await extractor('probe', { pooling: 'mean', normalize: true });
    const dimensions = probe.dims.at(-1) ?? probe.data.length;
    return new TransformersEmbedder(
      extractor,
      options.modelId,
      dimensions,
      maxTokens,
      options.queryPrefix ?? '',
      options.passagePrefix ?? '',
      options.batchSize ?? 32,
    );
  }

  async embedQuery(text: string): Promise<Float32Array> {
    const [vector] = await this.run([this.queryPrefix + text]);
    return vector ?? new Float32Array(this.dimensions);
  }

  async embedPassages(texts: string[], onProgress?: (done: number, total: number) => void): Promise<Float32Array[]> {
    const out: Float32Array[] = [];
    for (let i = 0; i < texts.length; i += this.batchSize) {
      out.push(...(await this.run(texts.slice(i, i + this.batchSize).map((t) => this.passagePrefix + t))));
      onProgress?.(out.length, texts.length);
    }
    return out;
  }

  countTokens(text: string): number {
    return this.extractor.tokenizer.encode(text).length;
  }

  /** One forward pass; inputs past the model's window are truncated by the tokenizer. */
  private async run(texts: string[]): Promise<Float32Array[]> {
    const clipped = texts.map((t) => this.clip(t));
    const output = await this.extractor(clipped, { pooling: 'mean', normalize: true });
    const data = output.data as Float32Array;
    return clipped.map((_, i) => data.slice(i * this.dimensions, (i + 1) * this.dimensions));
  }

  /** Keeps the text to `maxTokens` (the pipeline itself only stops at the position limit). */
  private clip(text: string): string {
    if (this.countTokens(text) <= this.maxTokens) return text;
    const words = text.split(/(\s+)/);
    let lo = 0;
    let hi = words.length;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (this.countTokens(words.slice(0, mid).join('')) <= this.maxTokens) lo = mid;
      else hi = mid - 1;
    }
    return words.slice(0, Math.max(1, lo)).join('');
  }
}

function ensureTrailingSlash(dir: string): string {
  return dir.endsWith('/') ? dir : `${dir}/`;
}
