import { existsSync } from 'node:fs';
import path from 'node:path';
import { AutoTokenizer, env } from '@xenova/transformers';
import type { Embedder } from './embedder.ts';
import { type EmbedderOptions, TransformersEmbedder } from './transformers-embedder.ts';

/** The model, or null and the one warning to show: semantic search is off, why, how to fix. */
export interface LoadedModel {
  embedder: Embedder | null;
  warning: string | null;
}

/**
 * Loads the embedding model without ever throwing for a missing one: a machine without the
 * model (offline, no local copy) still answers, lexically, and is told once how to enable
 * semantic search. A remote attempt is bounded by `timeoutMs`.
 */
export async function loadEmbedder(options: EmbedderOptions & { timeoutMs?: number }): Promise<LoadedModel> {
  const local = path.join(options.modelsDir, options.modelId);
  if (!options.allowRemote && !existsSync(path.join(local, 'onnx'))) {
    return { embedder: null, warning: offWarning(options, `no model files in ${local}/onnx and remote download is off`) };
  }
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${Math.round((options.timeoutMs ?? 120_000) / 1000)} s`)), options.timeoutMs ?? 120_000);
    });
    const embedder = await Promise.race([TransformersEmbedder.load(options), timeout]);
    return { embedder, warning: null };
  } catch (error) {
    return { embedder: null, warning: offWarning(options, describeLoadError(error)) };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Loads only the model's tokenizer, to size chunks in the model's own tokens even when its
 * weights are missing. Null when no tokenizer.json is available.
 */
export async function loadTokenCounter(options: Pick<EmbedderOptions, 'modelId' | 'modelsDir' | 'allowRemote'>): Promise<{ countTokens: (t: string) => number; tokenizerId: string } | null> {
  env.localModelPath = options.modelsDir.endsWith('/') ? options.modelsDir : `${options.modelsDir}/`;
  env.cacheDir = options.modelsDir;
  env.allowLocalModels = true;
  env.allowRemoteModels = options.allowRemote;
  if (!options.allowRemote && !existsSync(path.join(options.modelsDir, options.modelId, 'tokenizer.json'))) return null;
  try {
    const tokenizer = await AutoTokenizer.from_pretrained(options.modelId);
    return { countTokens: (t) => tokenizer.encode(t).length, tokenizerId: options.modelId };
  } catch {
    return null;
  }
}

function describeLoadError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/fetch failed|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|network/i.test(message)) return 'could not reach the model hub';
  if (/not found locally|allowRemoteModels=false/.test(message)) return 'the model files are not in the local model folder';
  return message.split('\n')[0]?.slice(0, 200) ?? 'unknown error';
}

function offWarning(options: EmbedderOptions, reason: string): string {
  return (
    `Semantic search is off: could not load ${options.modelId} (${reason}). Answers use keyword search only. ` +
    `To enable it: run once with internet access and ALLOW_REMOTE_MODELS=true (the model downloads into ${options.modelsDir}/), ` +
    `or put the model folder (config.json, tokenizer.json, onnx/model_quantized.onnx) in ${path.join(options.modelsDir, options.modelId)}/.`
  );
}
