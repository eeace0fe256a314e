import { beforeAll, describe, expect, it } from 'vitest';
import { CrossEncoder } from '../../src/embed/cross-encoder.ts';
import type { Embedder } from '../../src/embed/embedder.ts';
import { loadEmbedder } from '../../src/embed/load-embedder.ts';
import { profilePassage } from '../../src/present/passage-profile.ts';
import { selectQuote } from '../../src/present/quote.ts';
import {
  embeddingScorer,
  retrieveWithQuoteLayers,
  type SentenceScorer,
  scoreQuoteSentences,
} from '../../src/present/quote-layers.ts';
import { analyzerOf } from '../../src/present/term-memo.ts';
import { Retriever } from '../../src/retrieve/retriever.ts';
import type { LoadedIndex } from '../../src/store/types.ts';
import type { Answer, SearchResult } from '../../src/types.ts';
import { fixtureModelsDir } from '../embed/fixture-models-dir.ts';
import { useBundledIndex } from '../fixtures/keyword-index.ts';
import { FIXTURE_MODEL_ID } from '../fixtures/model/build-fixture-model.ts';
import { FIXTURE_RERANKER_ID } from '../fixtures/model/fixture-cross-encoder.ts';

/** The optional model layers over the lexical quote choice, through real transformers.js on the fixture models. */
const bundled = useBundledIndex();
let index: LoadedIndex;
let embedder: Embedder;
let crossEncoder: CrossEncoder;
const QUESTION = 'What network speed does Circular 49 require for imaging?';

beforeAll(async () => {
  index = bundled.index;
  const loaded = await loadEmbedder({ modelId: FIXTURE_MODEL_ID, modelsDir: fixtureModelsDir(), allowRemote: false });
  if (!loaded.embedder) throw new Error(`fixture model did not load: ${loaded.warning}`);
  embedder = loaded.embedder;
  crossEncoder = await CrossEncoder.load({
    modelId: FIXTURE_RERANKER_ID,
    modelsDir: fixtureModelsDir(),
    allowRemote: false,
  });
});

/** The sentences of a passage as quote choice splits them. */
function sentencesOf(result: SearchResult): string[] {
  const profile = profilePassage(result.chunk);
  return profile.sentences.map((s) => profile.text.slice(s.start, s.end));
}

/** Indices of `values` from highest to lowest. */
const order = (values: readonly number[]) =>
  values.map((_, i) => i).sort((a, b) => (values[b] ?? 0) - (values[a] ?? 0));

describe('quote layers with the fixture models', () => {
  it('scores each sentence of the first passages by embedding similarity to the question', async () => {
    const retriever = new Retriever(index, embedder);
    const answer = await retrieveWithQuoteLayers(retriever, QUESTION, { k: 3 });
    const top = answer.results[0] as SearchResult;
    const scores = answer.sentenceScores?.get(top.chunk.id);
    expect(scores).toHaveLength(sentencesOf(top).length);
    expect(Math.max(...(scores ?? []))).toBe(1);
    expect(Math.min(...(scores ?? []))).toBe(0);
    // The same order as the cosines computed here from the model's own vectors.
    const sentences = sentencesOf(top);
    const query = await embedder.embedQuery(QUESTION);
    const vectors = await embedder.embedPassages(sentences);
    const cosines = vectors.map((v) => v.reduce((sum, x, i) => sum + x * (query[i] ?? 0), 0));
    expect(order(scores ?? [])[0]).toBe(order(cosines)[0]);
    const quote = selectQuote(top, analyzerOf(index.lexical), 600, answer);
    expect(top.chunk.text.slice(quote.start, quote.end)).toBe(quote.text);
    expect(quote.text).toContain('4Mbps or faster');
  });

  it('scores sentences with the cross-encoder when a reranker is configured', async () => {
    const retriever = new Retriever(index, null, { reranker: { model: crossEncoder, topN: 5 } });
    const answer = await retrieveWithQuoteLayers(retriever, QUESTION, { k: 3 });
    const top = answer.results[0] as SearchResult;
    const scores = answer.sentenceScores?.get(top.chunk.id) ?? [];
    const logits = await crossEncoder.score(QUESTION, sentencesOf(top));
    expect(order(scores)[0]).toBe(order(logits)[0]);
    expect(scores.every((s) => s >= 0 && s <= 1)).toBe(true);
  });

  it('keeps its cost bounded: at most maxSentences sentences, and sentence vectors reused', async () => {
    const answer = await new Retriever(index, null).retrieve('Decision 5316 targets', { k: 5 });
    let embedded = 0;
    const counting: Embedder = {
      ...embedder,
      embedQuery: (text) => embedder.embedQuery(text),
      embedPassages: (texts) => {
        embedded += texts.length;
        return embedder.embedPassages(texts);
      },
      countTokens: (text) => embedder.countTokens(text),
    };
    const layer = embeddingScorer(counting);
    const scored = await scoreQuoteSentences(answer, [layer], { maxSentences: 6 });
    const total = [...(scored.sentenceScores?.values() ?? [])].reduce((n, s) => n + s.filter((x) => x > 0).length, 0);
    expect(embedded).toBeLessThanOrEqual(6);
    expect(total).toBeLessThanOrEqual(6);
    await scoreQuoteSentences(answer, [layer], { maxSentences: 6 });
    expect(embedded).toBeLessThanOrEqual(6);
  });

  it('leaves the lexical choice when a layer fails, and says which', async () => {
    const answer = await new Retriever(index, null).retrieve(QUESTION, { k: 3 });
    const failing: SentenceScorer = {
      modelId: 'broken/model',
      score: () => Promise.reject(new Error('out of memory')),
    };
    const heard: string[] = [];
    const scored = await scoreQuoteSentences(answer, [failing], {}, (layer, error) =>
      heard.push(`${layer.modelId}: ${(error as Error).message}`),
    );
    expect(scored.sentenceScores).toBeUndefined();
    expect(heard).toEqual(['broken/model: out of memory']);
  });
});

describe('how much a layer may move a quote', () => {
  const text =
    'The circular covers telemedicine permits. The circular covers telemedicine imaging. Hospitals keep records.';
  const result: SearchResult = {
    rank: 1,
    score: 1,
    chunk: {
      id: 'layer-demo',
      file: 'corpus/demo.txt',
      title: 'Demo',
      section: [],
      text,
      charStart: 0,
      charEnd: text.length,
      page: null,
      identifiers: [],
      tokens: 20,
    },
    matchedIdentifiers: [],
    otherIdentifiers: [],
    matchedTerms: [],
    relation: 'related',
  };
  const analyze = (t: string) => t.toLowerCase().match(/[a-z0-9]+/g) ?? [];
  const query = (terms: string[], scores?: number[]): Pick<Answer, 'terms' | 'intents' | 'sentenceScores'> => ({
    terms: terms.map((term) => ({ term, weight: 1 })),
    intents: [],
    ...(scores ? { sentenceScores: new Map([['layer-demo', scores]]) } : {}),
  });

  it('decides between sentences the words cannot tell apart', () => {
    expect(selectQuote(result, analyze, 45, query(['circular', 'telemedicine'])).text).toBe(
      'The circular covers telemedicine permits.',
    );
    expect(selectQuote(result, analyze, 45, query(['circular', 'telemedicine'], [0, 1, 0])).text).toBe(
      'The circular covers telemedicine imaging.',
    );
  });

  it('does not override a sentence that holds the question words', () => {
    expect(selectQuote(result, analyze, 45, query(['imaging'], [1, 0, 0])).text).toBe(
      'The circular covers telemedicine imaging.',
    );
  });
});
