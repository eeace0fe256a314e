import { z } from 'zod';
import { PolicybotError } from './errors.ts';

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'])
  .transform((v) => ['true', '1', 'yes', 'on'].includes(v));

const positiveInt = (max: number) => z.coerce.number().int().min(1).max(max);

/**
 * The embedding model unless MODEL_ID says otherwise: multilingual (Vietnamese, Chinese and
 * English questions and passages meet in one space), 384-d, 512-token window. README
 * ("Semantic search and the model") says why, with its size and published numbers.
 */
export const DEFAULT_MODEL_ID = 'Xenova/multilingual-e5-small';

/** Every setting the retrieval pipeline reads, with its default. Discord settings live in discord/. */
const schema = z.object({
  CORPUS_DIR: z.string().min(1).default('corpus'),
  INDEX_DIR: z.string().min(1).default('index'),
  MODEL_ID: z.string().min(1).default(DEFAULT_MODEL_ID),
  MODELS_DIR: z.string().min(1).default('models'),
  ALLOW_REMOTE_MODELS: booleanFlag.default(true),
  MODEL_QUANTIZED: booleanFlag.default(true),
  MODEL_LOAD_TIMEOUT_SECONDS: positiveInt(3600).default(120),
  SEMANTIC_SEARCH: z.enum(['auto', 'off']).default('auto'),
  // Unset: the model's own prefixes ("query: " / "passage: " for e5). Set, even to "": that text.
  QUERY_PREFIX: z.string().optional(),
  PASSAGE_PREFIX: z.string().optional(),
  EMBED_BATCH_SIZE: positiveInt(1024).default(32),
  CHUNK_MAX_TOKENS: z.coerce.number().int().min(32).max(8192).default(256),
  CHUNK_OVERLAP_TOKENS: z.coerce.number().int().min(0).max(256).default(32),
  RESULTS: positiveInt(50).default(5),
  RERANK_MODEL: z.string().default(''),
  RERANK_TOP_N: positiveInt(200).default(20),
  MAX_FILE_MB: z.coerce.number().positive().max(4096).default(50),
  FOLLOW_SYMLINKS: booleanFlag.default(false),
});

/** Validated settings, read once at start by an entry point and passed down. */
export interface Config {
  corpusDir: string;
  indexDir: string;
  model: {
    id: string;
    modelsDir: string;
    allowRemote: boolean;
    quantized: boolean;
    loadTimeoutMs: number;
    /** 'off' skips loading any model: lexical search only. */
    semanticSearch: 'auto' | 'off';
    /** Undefined: the model's own prefix (`query: ` for e5 models, none otherwise); '' means none. */
    queryPrefix: string | undefined;
    /** Undefined: the model's own prefix (`passage: ` for e5 models, none otherwise); '' means none. */
    passagePrefix: string | undefined;
    batchSize: number;
  };
  chunking: { maxTokens: number; overlapTokens: number };
  results: number;
  /** Limits on what ingest reads: larger files (and archives that expand beyond it) are skipped. */
  ingest: { maxFileBytes: number; followSymlinks: boolean };
  /** Cross-encoder that reorders the top `topN` candidates; null = off (the default). */
  rerank: { modelId: string; topN: number } | null;
}

/**
 * Reads and validates settings from the environment (after dotenv has loaded `.env`).
 * Throws CONFIG_INVALID naming the first bad setting and what it accepts.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(
    Object.keys(schema.shape).flatMap((key) => {
      const value = env[key];
      // Prefixes such as "query: " end in a meaningful space, and an empty one is a choice
      // (no prefix, whatever the model's default); everything else is trimmed, empty = unset.
      if (key.endsWith('_PREFIX')) return value === undefined ? [] : [[key, value]];
      if (value === undefined || value === '') return [];
      return [[key, value.trim()]];
    }),
  );
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = String(issue?.path[0] ?? 'setting');
    throw new PolicybotError(
      'CONFIG_INVALID',
      `Setting ${key} is invalid: ${issue?.message ?? 'bad value'} (got "${present[key] ?? ''}").`,
      'Fix it in .env or the environment; .env.example lists every setting with its default.',
    );
  }
  const c = parsed.data;
  if (c.CHUNK_OVERLAP_TOKENS >= c.CHUNK_MAX_TOKENS / 2) {
    throw new PolicybotError(
      'CONFIG_INVALID',
      `CHUNK_OVERLAP_TOKENS (${c.CHUNK_OVERLAP_TOKENS}) must be less than half of CHUNK_MAX_TOKENS (${c.CHUNK_MAX_TOKENS}).`,
      'Lower CHUNK_OVERLAP_TOKENS in .env.',
    );
  }
  return {
    corpusDir: c.CORPUS_DIR,
    indexDir: c.INDEX_DIR,
    model: {
      id: c.MODEL_ID,
      modelsDir: c.MODELS_DIR,
      allowRemote: c.ALLOW_REMOTE_MODELS,
      quantized: c.MODEL_QUANTIZED,
      loadTimeoutMs: c.MODEL_LOAD_TIMEOUT_SECONDS * 1000,
      semanticSearch: c.SEMANTIC_SEARCH,
      queryPrefix: c.QUERY_PREFIX,
      passagePrefix: c.PASSAGE_PREFIX,
      batchSize: c.EMBED_BATCH_SIZE,
    },
    chunking: { maxTokens: c.CHUNK_MAX_TOKENS, overlapTokens: c.CHUNK_OVERLAP_TOKENS },
    results: c.RESULTS,
    ingest: { maxFileBytes: Math.round(c.MAX_FILE_MB * 1024 * 1024), followSymlinks: c.FOLLOW_SYMLINKS },
    rerank: c.RERANK_MODEL ? { modelId: c.RERANK_MODEL, topN: c.RERANK_TOP_N } : null,
  };
}
