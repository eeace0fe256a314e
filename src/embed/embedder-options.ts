/** How to load a transformers.js embedding model. */
export interface EmbedderOptions {
  /** Hugging Face model id, e.g. `Xenova/multilingual-e5-small` (the default) or `Xenova/all-MiniLM-L6-v2`. */
  modelId: string;
  /** Local model folder: `<modelsDir>/<modelId>/` is tried first, and downloads are cached there. */
  modelsDir: string;
  /** Download from the hub when the model is not in `modelsDir`. */
  allowRemote: boolean;
  /** int8 `onnx/model_quantized.onnx` (default) or fp32 `onnx/model.onnx`. */
  quantized?: boolean;
  /** Put before every query; undefined: the model's default (`query: ` for e5 models, see model-prefixes.ts). */
  queryPrefix?: string | undefined;
  /** Put before every passage; undefined: the model's default (`passage: ` for e5 models). */
  passagePrefix?: string | undefined;
  /** Passages per forward pass (default 32). */
  batchSize?: number;
  /**
   * Input window cap in tokens, special tokens included (default 256: all-MiniLM-L6-v2 was trained
   * on 256; multilingual-e5-small takes 512, and CHUNK_MAX_TOKENS may raise the cap to that).
   */
  maxTokens?: number;
  /**
   * Embed passages on a thread of their own (see passage-thread.ts), started by the load: for
   * whatever builds indexes (ingest, the bot's rebuilds), so a forward pass neither blocks
   * this thread nor waits for it. Answering alone does not need it.
   */
  passageThread?: boolean;
  /**
   * The passage thread leaves a CPU to the rest of the process (the bot, which answers questions
   * while it rebuilds); without it, it takes every CPU for a transformer encoder (ingest).
   */
  passageThreadSparesCpu?: boolean;
  /** Called as model files download (and as local files are read). */
  onDownloadProgress?: (info: { file: string; loaded: number; total: number; status: string }) => void;
}
