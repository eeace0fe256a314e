import type { Embedder } from '../embed/embedder.ts';
import { PolicybotError } from '../errors.ts';
import type { LexicalInput } from '../store/lexical/lexical-options.ts';
import type { LoadedIndex } from '../store/types.ts';
import type { Answer, Chunk, SearchResult } from '../types.ts';
import { abbreviationTable, expandAbbreviations } from './abbreviations.ts';
import { readBareInstruments } from './bare-instruments.ts';
import { isWeakAnswer } from './confidence.ts';
import { fuseRankings, type Ranked } from './fuse.ts';
import { identifierTable, withOfficialForm } from './identifier-lookup.ts';
import { type Candidate, rankByIdentifiers } from './identifier-ranking.ts';
import { withLanguageVersions } from './language-versions.ts';
import { rankLexical } from './lexical-ranking.ts';
import { mergeOverlapping } from './merge-overlaps.ts';
import { orderByNamedInstruments } from './named-order.ts';
import { type ResultTerms, readResultTerms, termIdsOf } from './passage-terms.ts';
import { readQueryInstruments } from './query-instruments.ts';
import { weighQueryTerms } from './query-terms.ts';
import { detectIntents } from './question-intent.ts';
import { describeSource } from './source-notes.ts';

/** Longest question accepted; longer text is almost always a pasted document, not a question. */
export const MAX_QUERY_CHARS = 1000;

export interface RetrieveOptions {
  /** Results wanted (default 5). */
  k?: number;
  /** Results to skip, for "more results" paging (default 0). */
  offset?: number;
}

/** Anything that scores (query, passage) pairs, higher is more relevant: a cross-encoder. */
export interface PairScorer {
  readonly modelId: string;
  score(query: string, passages: readonly string[]): Promise<number[]>;
}

export interface RetrieverSettings {
  /** Reorders the first `topN` candidates by a cross-encoder (off when absent). */
  reranker?: { model: PairScorer; topN: number };
  /** Candidates taken from each of the lexical and dense lists before fusion. */
  depth?: number;
  /** Warnings to attach to every answer (e.g. that semantic search is off). */
  warnings?: string[];
}

/**
 * Hybrid retrieval over one loaded index: BM25 and dense kNN fused by reciprocal rank,
 * then passages about the identifiers the query names placed first, overlapping
 * neighbours merged. Lexical only when the index has no vectors or no embedder is loaded.
 */
export class Retriever {
  readonly mode: 'hybrid' | 'lexical';
  private readonly depth: number;
  /** Warnings attached to every answer. */
  readonly warnings: string[];
  /** The cross-encoder, when one is configured (quotes may score sentences with it too). */
  readonly reranker: RetrieverSettings['reranker'];

  constructor(
    readonly index: LoadedIndex,
    /** The embedding model, when one is loaded (quotes may score sentences with it too). */
    readonly embedder: Embedder | null,
    settings: RetrieverSettings = {},
  ) {
    const modelMatches = index.manifest.model !== null && embedder?.modelId === index.manifest.model.id;
    this.mode = index.vectors && embedder && modelMatches ? 'hybrid' : 'lexical';
    this.depth = settings.depth ?? 100;
    this.reranker = settings.reranker;
    this.warnings = [...(settings.warnings ?? [])];
    if (embedder && index.manifest.model && !modelMatches) {
      this.warnings.push(
        `The index was built with ${index.manifest.model.id}, not ${embedder.modelId}; using keyword search only. Run \`npm run ingest\` to rebuild it.`,
      );
    }
  }

  /** Answers one question: identifiers named, ones no document mentions, ranked passages. */
  async retrieve(query: string, options: RetrieveOptions = {}): Promise<Answer> {
    const text = validateQuery(query);
    const k = Math.max(1, Math.floor(options.k ?? 5));
    const offset = Math.max(0, Math.floor(options.offset ?? 0));
    const table = identifierTable(this.index);
    const named = readQueryInstruments(text);
    // "46 vs 49": bare numbers name instruments only when nothing else in the question does.
    const identifiers = (named.length > 0 ? named : readBareInstruments(text, table)).map((id) =>
      withOfficialForm(table, id),
    );
    const depth = Math.max(this.depth, (offset + k) * 4);

    const lexicalQuery = expandAbbreviations(text, abbreviationTable(this.index));
    const lists: Ranked[][] = [rankLexical(this.index.lexical, lexicalQuery, depth, (doc) => this.passageFields(doc))];
    if (this.mode === 'hybrid' && this.embedder && this.index.vectors) {
      const vector = await this.embedder.embedQuery(text);
      lists.push(this.index.vectors.search(vector, depth));
    }
    const fused = fuseRankings(lists);
    const ranked0 = rankByIdentifiers(this.index, fused, identifiers);
    const notFound = ranked0.notFound;
    const reranked = this.reranker ? await this.rerank(text, ranked0.candidates, this.reranker) : ranked0.candidates;
    const candidates = withLanguageVersions(
      orderByNamedInstruments(reranked, identifiers),
      identifiers,
      (doc) => this.index.chunks[doc],
    );

    // Enough candidates for the page even if every neighbour merges away; not all of them.
    const ranked = candidates.slice(0, (offset + k) * 3 + 10).map((c) => {
      const chunk = this.index.chunks[c.doc];
      if (!chunk)
        throw new PolicybotError(
          'INDEX_CORRUPT',
          `Chunk ${c.doc} is missing from the index.`,
          'Run `npm run ingest` to rebuild it.',
        );
      const relation = c.matched.length > 0 ? 'named' : c.others.length > 0 ? 'near-miss' : 'related';
      const result = {
        rank: 0,
        score: c.tier + c.fused,
        chunk,
        matchedIdentifiers: c.matched,
        otherIdentifiers: c.others,
        matchedTerms: [],
        relation,
      } as SearchResult;
      return { result, docs: [c.doc] };
    });
    const merged = mergeOverlapping(
      ranked,
      (r) => r.result.chunk,
      (r, chunk, folded) => ({ result: { ...r.result, chunk }, docs: [...r.docs, ...folded.docs] }),
      offset + k,
    );
    const queryTerms = new Set(this.index.lexical.analyzeQuery(text));
    const terms = weighQueryTerms(this.index.lexical, text);
    // Matched terms and coverage ask for the question's terms (typo corrections included) only.
    const wanted = termIdsOf(this.index.lexical, [...queryTerms, ...terms.map((t) => t.term)]);
    const termsByChunk = new Map<Chunk, ResultTerms>();
    const results = merged.slice(offset, offset + k).map((r, i) => {
      const passageTerms = readResultTerms(this.index.lexical, this.index.chunks, r.docs, wanted);
      termsByChunk.set(r.result.chunk, passageTerms);
      const matchedTerms = [...new Set(passageTerms.body)].filter((t) => queryTerms.has(t));
      return { ...r.result, rank: offset + i + 1, matchedTerms, ...describeSource(this.index, r.result.chunk) };
    });
    const weak = isWeakAnswer(terms, results, (r) => termsByChunk.get(r.chunk) ?? { heading: new Set(), body: [] });
    const intents = detectIntents(text);
    return {
      query: text,
      mode: this.mode,
      identifiers,
      notFound,
      results,
      warnings: [...this.warnings],
      terms,
      intents,
      weak,
    };
  }

  /**
   * Reorders the first `topN` candidates by the cross-encoder's logit, within each identifier
   * tier (a passage about the named instrument stays ahead of one that is not). Reranked
   * candidates then score tier + a value in [0.05, 1) that falls with their new rank, above any
   * fused score (< 0.05) of the same tier, so scores keep descending with rank.
   */
  private async rerank(
    query: string,
    candidates: Candidate[],
    reranker: NonNullable<RetrieverSettings['reranker']>,
  ): Promise<Candidate[]> {
    const head = candidates.slice(0, reranker.topN);
    const logits = await reranker.model.score(
      query,
      head.map((c) => this.index.chunks[c.doc]?.text ?? ''),
    );
    const order = head.map((c, i) => ({ c, logit: logits[i] ?? -Infinity }));
    order.sort((a, b) => b.c.tier - a.c.tier || b.logit - a.logit || a.c.doc - b.c.doc);
    const rescored = order.map(({ c }, i) => ({ ...c, fused: 0.05 + (0.95 * (head.length - i)) / (head.length + 1) }));
    return [...rescored, ...candidates.slice(reranker.topN)];
  }

  /** A chunk's lexical fields; its text is read from disk only if a refinement asks for it. */
  private passageFields(doc: number): LexicalInput {
    const chunk = this.index.chunks[doc];
    if (!chunk)
      throw new PolicybotError(
        'INDEX_CORRUPT',
        `Chunk ${doc} is missing from the index.`,
        'Run `npm run ingest` to rebuild it.',
      );
    return {
      title: chunk.title,
      section: chunk.section.join(' › '),
      get text() {
        return chunk.text;
      },
    };
  }
}

function validateQuery(query: string): string {
  const text = query.replace(/\s+/g, ' ').trim();
  if (!text) {
    throw new PolicybotError(
      'QUERY_INVALID',
      'The question is empty.',
      'Ask something like: What does Circular 49 require?',
    );
  }
  if (text.length > MAX_QUERY_CHARS) {
    throw new PolicybotError(
      'QUERY_INVALID',
      `The question is ${text.length} characters long; the limit is ${MAX_QUERY_CHARS}.`,
      'Ask a shorter question, or quote only the key sentence.',
    );
  }
  return text;
}
