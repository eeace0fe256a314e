import type { Embedder } from '../embed/embedder.ts';
import { PolicybotError } from '../errors.ts';
import type { LexicalInput } from '../store/lexical/lexical-options.ts';
import type { LoadedIndex } from '../store/types.ts';
import type { Answer, Chunk, Identifier, SearchResult } from '../types.ts';
import { abbreviationTable, expandAbbreviations } from './abbreviations.ts';
import { isWeakAnswer } from './confidence.ts';
import { fuseRankings, type Ranked } from './fuse.ts';
import { findMentions, identifierTable, withOfficialForm } from './identifier-lookup.ts';
import { withLanguageVersions } from './language-versions.ts';
import { rankLexical } from './lexical-ranking.ts';
import { mergeOverlapping } from './merge-overlaps.ts';
import { orderByNamedInstruments } from './named-order.ts';
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

/** A result's analyzed terms: of its text, and of its title, section and text together. */
interface PassageTermSets {
  text: Set<string>;
  all: Set<string>;
}

/** The tier of a passage naming only other instruments of a kind the query names. */
const NEAR_MISS_TIER = -1;

interface Candidate {
  doc: number;
  /** 2 per query identifier the section is about, 1 per identifier merely mentioned, −1 for a near miss. */
  tier: number;
  fused: number;
  matched: string[];
  /** For a near miss, the labels of the other instruments it names. */
  others: string[];
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
    const identifiers = readQueryInstruments(text).map((id) => withOfficialForm(identifierTable(this.index), id));
    const depth = Math.max(this.depth, (offset + k) * 4);

    const lexicalQuery = expandAbbreviations(text, abbreviationTable(this.index));
    const lists: Ranked[][] = [rankLexical(this.index.lexical, lexicalQuery, depth, (doc) => this.passageFields(doc))];
    if (this.mode === 'hybrid' && this.embedder && this.index.vectors) {
      const vector = await this.embedder.embedQuery(text);
      lists.push(this.index.vectors.search(vector, depth));
    }
    const fused = fuseRankings(lists);
    const ranked0 = this.rankByIdentifiers(fused, identifiers);
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
    const wanted = this.termIdsOf([...queryTerms, ...terms.map((t) => t.term)]);
    const termSets = new Map<Chunk, PassageTermSets>();
    const results = merged.slice(offset, offset + k).map((r, i) => {
      const sets = this.termsOf(r.docs, wanted);
      termSets.set(r.result.chunk, sets);
      const matchedTerms = [...sets.text].filter((t) => queryTerms.has(t));
      return { ...r.result, rank: offset + i + 1, matchedTerms, ...describeSource(this.index, r.result.chunk) };
    });
    const weak = isWeakAnswer(terms, results, (chunk) => termSets.get(chunk)?.all ?? new Set<string>());
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

  /** The ids of those of `terms` that the index knows. */
  private termIdsOf(terms: readonly string[]): Set<number> {
    const ids = new Set<number>();
    for (const term of terms) {
      const id = this.index.lexical.termId(term);
      if (id !== undefined) ids.add(id);
    }
    return ids;
  }

  /**
   * The `wanted` analyzed terms (the question's: matched terms and coverage ask for no others)
   * in a result's chunks (neighbours merged into one result): in their text, in text order,
   * and in title, section and text together. Read from the index's stored term lists: no
   * passage text is analyzed again.
   */
  private termsOf(docs: readonly number[], wanted: ReadonlySet<number>): PassageTermSets {
    const { lexical, chunks } = this.index;
    const text = new Set<string>();
    const all = new Set<string>();
    const inTextOrder = [...docs].sort((a, b) => (chunks[a]?.charStart ?? 0) - (chunks[b]?.charStart ?? 0));
    for (const doc of inTextOrder) {
      const { ids, ends } = lexical.passageTerms(doc);
      // The body is the last field: the chunk's text.
      const body = ends[ends.length - 2] ?? 0;
      for (let i = 0; i < ids.length; i++) {
        if (!wanted.has(ids[i]!)) continue;
        const term = lexical.termText(ids[i]!);
        if (i >= body) text.add(term);
        all.add(term);
      }
    }
    return { text, all };
  }

  /**
   * Puts passages about the query's identifiers first and lists identifiers found nowhere.
   * A passage that names another instrument of the same kind and not the one asked about
   * (Circular 46 for a question on Circular 49) is a near miss, the likeliest wrong answer:
   * it goes below passages that name no such instrument.
   */
  private rankByIdentifiers(
    fused: Ranked[],
    identifiers: Identifier[],
  ): { candidates: Candidate[]; notFound: string[] } {
    const byDoc = new Map<number, Candidate>();
    for (const hit of fused) byDoc.set(hit.doc, { doc: hit.doc, tier: 0, fused: hit.score, matched: [], others: [] });
    const table = identifierTable(this.index);
    const notFound: string[] = [];
    for (const identifier of identifiers) {
      const mentions = findMentions(table, identifier);
      if (mentions.length === 0) notFound.push(identifier.label);
      for (const mention of mentions) {
        const c = byDoc.get(mention.doc) ?? { doc: mention.doc, tier: 0, fused: 0, matched: [], others: [] };
        if (c.matched.includes(identifier.key)) continue;
        c.tier += mention.inHeading ? 2 : 1;
        c.matched.push(identifier.key);
        byDoc.set(mention.doc, c);
      }
    }
    // Only kinds with an asked instrument in the corpus: a mistyped number must not bury the
    // passages about the real ones, which are then the closest answer.
    const kinds = new Set(identifiers.filter((id) => !notFound.includes(id.label)).map((id) => id.kind));
    if (kinds.size > 0) {
      for (const c of byDoc.values()) {
        if (c.tier !== 0) continue;
        const others = (this.index.chunks[c.doc]?.identifiers ?? []).filter((id) => kinds.has(id.kind));
        if (others.length === 0) continue;
        c.tier = NEAR_MISS_TIER;
        c.others = others.map((id) => id.label);
      }
    }
    // Banners, captions and tables of contents go below the prose of their tier.
    for (const c of byDoc.values()) if (this.index.chunks[c.doc]?.boilerplate) c.tier -= 1;
    const candidates = [...byDoc.values()].sort((a, b) => b.tier - a.tier || b.fused - a.fused || a.doc - b.doc);
    return { candidates, notFound };
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
