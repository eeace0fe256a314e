/** What an embedding model expects before queries and before passages. */
export interface ModelPrefixes {
  query: string;
  passage: string;
}

const E5_PREFIXES: ModelPrefixes = { query: 'query: ', passage: 'passage: ' };
const NO_PREFIXES: ModelPrefixes = { query: '', passage: '' };

/**
 * The prefixes a model was trained with, known from its id. e5 models (`e5-small-v2`,
 * `multilingual-e5-small`, …) were trained on "query: …" / "passage: …" pairs and lose
 * retrieval quality without them, so they get them by default. The instruction-tuned e5
 * variants (`…-instruct`) want a task instruction instead, which no default can guess, and
 * every other model gets none: QUERY_PREFIX / PASSAGE_PREFIX set them.
 */
export function defaultPrefixes(modelId: string): ModelPrefixes {
  const name = modelId.split('/').at(-1)?.toLowerCase() ?? '';
  if (/(^|[-_])e5([-_]|$)/.test(name) && !name.includes('instruct')) return { ...E5_PREFIXES };
  return { ...NO_PREFIXES };
}

/**
 * The prefixes to use: each one the user set (even to '') wins; an unset one is the model's
 * default ({@link defaultPrefixes}).
 */
export function resolvePrefixes(
  modelId: string,
  configured: { queryPrefix?: string | undefined; passagePrefix?: string | undefined },
): ModelPrefixes {
  const defaults = defaultPrefixes(modelId);
  return {
    query: configured.queryPrefix ?? defaults.query,
    passage: configured.passagePrefix ?? defaults.passage,
  };
}
