import { existsSync } from 'node:fs';
import path from 'node:path';
import type { CountWords } from '../types.ts';
import type { Embedder } from './embedder.ts';
import type { EmbedderOptions } from './embedder-options.ts';
import { type ModelFiles, recallFailure, rememberOutcome } from './load-failures.ts';
import type { TransformersEmbedder } from './transformers-embedder.ts';
import { rememberWordPieces } from './word-memo.ts';

/** The model, or null and the one warning to show: semantic search is off, why, how to fix. */
export interface LoadedModel {
  embedder: Embedder | null;
  warning: string | null;
}

/** Counts tokens the way a model's own tokenizer does, special tokens included. */
export interface TokenCounter {
  countTokens: (text: string) => number;
  /** The same counts word by word, where the tokenizer gives them (see Embedder.countWords). */
  countWords?: CountWords | undefined;
  /** The model id whose tokenizer this is (recorded so an index says how it was chunked). */
  tokenizerId: string;
}

/** Long enough for a ~25 MB model on a slow line; short enough that a blocked network does not hang startup. */
const DEFAULT_TIMEOUT_MS = 120_000;

/** How {@link loadEmbedder} treats an earlier failure to load the same model. */
export interface LoadPolicy {
  /** Give up after this long (default 120 s). */
  timeoutMs?: number;
  /**
   * With `passageThread`: give up on the thread after this long once the model has loaded (default
   * `timeoutMs`); passages are then embedded on this thread (see passageThreadError).
   */
  passageThreadTimeoutMs?: number;
  /**
   * Return an earlier failure's warning instead of trying again while it still holds (see
   * load-failures.ts): for commands that only want the model if it is at hand (`ask`).
   */
  skipRecentFailure?: boolean;
}

/**
 * Loads the embedding model without ever throwing for a missing or broken one: a machine
 * without the model (offline, no local copy) still answers, lexically, and is told once how
 * to enable semantic search. A remote attempt is bounded by `timeoutMs`. Each attempt's
 * outcome is remembered in MODELS_DIR, for `skipRecentFailure`.
 */
export async function loadEmbedder(options: EmbedderOptions & LoadPolicy): Promise<LoadedModel> {
  const missing = options.allowRemote ? [] : missingModelFiles(options);
  if (missing.length > 0) {
    return {
      embedder: null,
      warning: _offWarning(options, `${missing.join(', ')} not found in ${_modelDir(options)} and downloads are off`),
    };
  }
  const files = _modelFiles(options);
  const remembered = options.skipRecentFailure ? recallFailure(files) : null;
  if (remembered)
    return { embedder: null, warning: `${remembered} (As on the last try; \`policybot ingest\` tries again.)` };
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${Math.round(timeoutMs / 1000)} s`)), timeoutMs);
  });
  let embedder: TransformersEmbedder;
  try {
    // transformers.js (and the ONNX runtime) load only here: about a second that a run
    // without a model, or with semantic search off, never pays.
    const { TransformersEmbedder } = await import('./transformers-embedder.ts');
    embedder = await Promise.race([TransformersEmbedder.load({ ...options, passageThread: false }), timeout]);
    rememberOutcome(files, null);
  } catch (error) {
    const warning = _offWarning(options, _describeLoadError(error));
    rememberOutcome(files, warning);
    return { embedder: null, warning };
  } finally {
    clearTimeout(timer);
  }
  // The passage thread loads the model a second time: not part of the model's load (a thread
  // that does not start in time leaves passages on this thread; semantic search stays on).
  if (options.passageThread)
    await embedder.startPassageThread(options.passageThreadTimeoutMs ?? timeoutMs, options.passageThreadSparesCpu);
  return { embedder, warning: null };
}

/**
 * Loads only the model's tokenizer (tokenizer.json + tokenizer_config.json), to size chunks
 * in the model's own tokens even when its weights are missing. Null when no tokenizer is
 * available; never throws.
 */
export async function loadTokenCounter(
  options: Pick<EmbedderOptions, 'modelId' | 'modelsDir' | 'allowRemote'>,
): Promise<TokenCounter | null> {
  if (!options.allowRemote && !existsSync(path.join(_modelDir(options), 'tokenizer.json'))) return null;
  try {
    const [{ AutoTokenizer }, { configureTransformers }, { tokenEncoder }] = await Promise.all([
      import('@xenova/transformers'),
      import('./transformers-env.ts'),
      import('./word-ids.ts'),
    ]);
    configureTransformers(options);
    const tokenizer = await AutoTokenizer.from_pretrained(options.modelId);
    rememberWordPieces(tokenizer);
    const encoder = tokenEncoder(tokenizer);
    return { countTokens: encoder.count, countWords: encoder.countWords, tokenizerId: options.modelId };
  } catch {
    return null;
  }
}

function _modelDir(options: Pick<EmbedderOptions, 'modelId' | 'modelsDir'>): string {
  return path.join(options.modelsDir, ...options.modelId.split('/'));
}

/**
 * The model files transformers.js needs that are not in MODELS_DIR (none: the model is at
 * hand). Checked first so the offline case is instant and precise.
 */
export function missingModelFiles(options: Pick<EmbedderOptions, 'modelId' | 'modelsDir' | 'quantized'>): string[] {
  return _modelFiles(options).required.filter((file) => !existsSync(path.join(_modelDir(options), file)));
}

function _modelFiles(options: Pick<EmbedderOptions, 'modelId' | 'modelsDir' | 'quantized'>): ModelFiles {
  const weights = options.quantized === false ? 'onnx/model.onnx' : 'onnx/model_quantized.onnx';
  return {
    modelId: options.modelId,
    modelsDir: options.modelsDir,
    required: ['config.json', 'tokenizer.json', weights],
  };
}

/** A few words on why loading failed; transformers.js messages are long and name internals. */
function _describeLoadError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/fetch failed|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|network/i.test(message))
    return 'could not reach the model hub';
  const notFound = /not found locally at "([^"]+)"/.exec(message);
  if (notFound) return `${notFound[1]} not found and downloads are off`;
  if (/Could not locate file|status 40[134]|Unauthorized|Not Found/i.test(message))
    return 'the model hub does not have the model files';
  return message.split('\n')[0]?.slice(0, 200) ?? 'unknown error';
}

function _offWarning(options: EmbedderOptions, reason: string): string {
  const modelDir = _modelDir(options);
  return (
    `Semantic search is off: could not load ${options.modelId} (${reason}); answers use keyword search only. ` +
    `To enable it, run once with internet access and ALLOW_REMOTE_MODELS=true so the model downloads into MODELS_DIR (${options.modelsDir}), ` +
    `or put the model folder (config.json, tokenizer.json, onnx/model_quantized.onnx) at ${modelDir}/.`
  );
}
