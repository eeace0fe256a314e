import type { Embedder } from '../embed/embedder.ts';
import type { PairScorer, RetrieveOptions, Retriever } from '../retrieve/retriever.ts';
import type { Answer } from '../types.ts';
import { profilePassage } from './passage-profile.ts';

/**
 * An optional model layer over the lexical quote choice: scores sentences against the
 * question, higher is more alike (any scale; scores are compared within one passage only).
 */
export interface SentenceScorer {
  /** The model, for logs: e.g. `Xenova/all-MiniLM-L6-v2`. */
  readonly modelId: string;
  score(question: string, sentences: readonly string[]): Promise<number[]>;
}

export interface QuoteLayerOptions {
  /** Passages whose sentences are scored, from the first (default 5). */
  passages?: number;
  /** At most this many sentences in all, so a layer's cost stays bounded (default 48). */
  maxSentences?: number;
}

const DEFAULT_PASSAGES = 5;
const DEFAULT_MAX_SENTENCES = 48;
/** Sentence vectors kept: a bot sees the same passages again and again. */
const VECTOR_CACHE = 4096;

/**
 * Scores sentences by the cosine similarity of their embedding to the question's (the
 * embedder's vectors are normalised). Sentence vectors are cached by text, so a passage shown
 * again costs only the question's vector.
 */
export function embeddingScorer(embedder: Embedder): SentenceScorer {
  const cache = new Map<string, Float32Array>();
  return {
    modelId: embedder.modelId,
    async score(question, sentences) {
      const missing = [...new Set(sentences.filter((s) => !cache.has(s)))];
      const [query, vectors] = await Promise.all([embedder.embedQuery(question), embedder.embedPassages(missing)]);
      missing.forEach((s, i) => {
        if (cache.size >= VECTOR_CACHE) cache.delete(cache.keys().next().value as string);
        cache.set(s, vectors[i] as Float32Array);
      });
      return sentences.map((s) => _dot(query, cache.get(s) as Float32Array));
    },
  };
}

/** Scores (question, sentence) pairs with a cross-encoder (the configured reranker). */
export function crossEncoderScorer(model: PairScorer): SentenceScorer {
  return { modelId: model.modelId, score: (question, sentences) => model.score(question, sentences) };
}

/**
 * The answer with `sentenceScores`: for each of its first passages, one score in [0, 1] per
 * sentence (as quote choice splits it), the layers' scores rescaled within the passage
 * (best 1, worst 0) and averaged over the layers. Captions and banner lines are not scored.
 * Without layers, or with nothing to score, the answer as it was. A layer that fails is
 * left out (the lexical choice stands), and `onError` hears why.
 */
export async function scoreQuoteSentences(
  answer: Answer,
  layers: readonly SentenceScorer[],
  options: QuoteLayerOptions = {},
  onError?: (layer: SentenceScorer, error: unknown) => void,
): Promise<Answer> {
  if (layers.length === 0) return answer;
  let budget = options.maxSentences ?? DEFAULT_MAX_SENTENCES;
  const passages: { id: string; count: number; indices: number[]; texts: string[] }[] = [];
  for (const result of answer.results.slice(0, options.passages ?? DEFAULT_PASSAGES)) {
    const profile = profilePassage(result.chunk);
    const indices = profile.sentences.flatMap((s, i) => (s.furniture ? [] : [i])).slice(0, budget);
    if (indices.length === 0) continue;
    budget -= indices.length;
    const texts = indices.map((i) => {
      const s = profile.sentences[i] as { start: number; end: number };
      return profile.text.slice(s.start, s.end);
    });
    passages.push({ id: result.chunk.id, count: profile.sentences.length, indices, texts });
    if (budget <= 0) break;
  }
  if (passages.length === 0) return answer;
  const sentences = passages.flatMap((p) => p.texts);
  const scored: number[][] = [];
  for (const layer of layers) {
    try {
      scored.push(await layer.score(answer.query, sentences));
    } catch (error) {
      onError?.(layer, error);
    }
  }
  if (scored.length === 0) return answer;
  const sentenceScores = new Map<string, number[]>();
  let at = 0;
  for (const passage of passages) {
    const size = passage.indices.length;
    const combined = new Array<number>(size).fill(0);
    for (const scores of scored) {
      _rescale(scores.slice(at, at + size)).forEach((s, i) => {
        combined[i] = (combined[i] ?? 0) + s / scored.length;
      });
    }
    at += size;
    const perSentence = new Array<number>(passage.count).fill(0);
    passage.indices.forEach((sentence, i) => {
      perSentence[sentence] = combined[i] ?? 0;
    });
    sentenceScores.set(passage.id, perSentence);
  }
  return { ...answer, sentenceScores };
}

/** Min–max rescaling to [0, 1]; all equal (nothing to tell apart) gives all 0. */
function _rescale(scores: readonly number[]): number[] {
  const finite = scores.map((s) => (Number.isFinite(s) ? s : Number.NEGATIVE_INFINITY));
  const max = Math.max(...finite);
  const min = Math.min(...finite.filter((s) => s > Number.NEGATIVE_INFINITY));
  if (!(max > min)) return scores.map(() => 0);
  return finite.map((s) => (s === Number.NEGATIVE_INFINITY ? 0 : (s - min) / (max - min)));
}

function _dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] ?? 0) * (b[i] ?? 0);
  return sum;
}

const embeddingScorers = new WeakMap<Embedder, SentenceScorer>();

/**
 * The layers a retriever's models allow: sentence similarity with its embedding model (when
 * one is loaded) and the cross-encoder (when one is configured). One scorer per model, so its
 * sentence vectors stay cached across answers.
 */
export function quoteLayersOf(models: {
  readonly embedder: Embedder | null;
  readonly reranker?: { model: PairScorer } | undefined;
}): SentenceScorer[] {
  const layers: SentenceScorer[] = [];
  if (models.embedder) {
    let scorer = embeddingScorers.get(models.embedder);
    if (!scorer) {
      scorer = embeddingScorer(models.embedder);
      embeddingScorers.set(models.embedder, scorer);
    }
    layers.push(scorer);
  }
  if (models.reranker) layers.push(crossEncoderScorer(models.reranker.model));
  return layers;
}

/**
 * Retrieves an answer and, when the retriever has models, scores the sentences of its first
 * passages for quote choice (a layer that fails leaves the lexical choice, and `onError` hears why).
 */
export async function retrieveWithQuoteLayers(
  retriever: Pick<Retriever, 'retrieve' | 'embedder' | 'reranker'>,
  query: string,
  options: RetrieveOptions,
  onError?: (layer: SentenceScorer, error: unknown) => void,
): Promise<Answer> {
  return scoreQuoteSentences(await retriever.retrieve(query, options), quoteLayersOf(retriever), {}, onError);
}

/** An `onError` that says, once per model, that a quote layer failed and quotes stay lexical. */
export function quoteLayerWarning(log: (line: string) => void): (layer: SentenceScorer, error: unknown) => void {
  const told = new Set<string>();
  return (layer, error) => {
    if (told.has(layer.modelId)) return;
    told.add(layer.modelId);
    const reason = error instanceof Error ? error.message : String(error);
    log(`Warning: ${layer.modelId} could not score quote sentences (${reason}); quotes use keyword matching.`);
  };
}
