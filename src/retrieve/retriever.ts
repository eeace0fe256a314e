import type { Embedder } from '../embed/embedder.ts';
import { PolicybotError } from '../errors.ts';
import type { LexicalInput } from '../store/lexical/lexical-options.ts';
import type { LoadedIndex } from '../store/types.ts';
import type { Answer, Chunk, Identifier, SearchResult } from '../types.ts';
import { abbreviationTable, otherWording, rankWordings } from './abbreviations.ts';
import { describeResults } from './answer-page.ts';
import { readBareInstruments } from './bare-instruments.ts';
import { fuseRankings, type Ranked } from './fuse.ts';
import { identifierTable, withOfficialForm } from './identifier-lookup.ts';
import { rankByIdentifiers } from './identifier-ranking.ts';
import { withLanguageVersions } from './language-versions.ts';
import { rankLexical } from './lexical-ranking.ts';
import { mergeOverlapping } from './merge-overlaps.ts';
import { orderByNamedInstruments } from './named-order.ts';
import { readQueryInstruments } from './query-instruments.ts';
import { detectIntents } from './question-intent.ts';
import { type PairScorer, type Reranker, rerank } from './rerank.ts';

/** Longest question accepted; longer text is almost always a pasted document, not a question. */
export const MAX_QUERY_CHARS = 1000;

export interface RetrieveOptions {
  /** Results wanted (default 5). */
  k?: number;
  /** Results to skip, for "more results" paging (default 0). */
  offset?: number;
}

export type { PairScorer };

export interface RetrieverSettings {
  /** Reorders the first `topN` candidates by a cross-encoder (off when absent). */
  reranker?: Reranker;
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
    const identifiers = this.namedInstruments(text);
    const depth = Math.max(this.depth, (offset + k) * 4);

    // The question as asked and, when it names an abbreviation or its long form, in the other form.
    const other = otherWording(text, abbreviationTable(this.index));
    const lists: Ranked[][] = [
      rankWordings(
        other === undefined ? [text] : [text, other],
        (wording) => rankLexical(this.index.lexical, wording, depth, (doc) => this.passageFields(doc)),
        depth,
      ),
    ];
    if (this.mode === 'hybrid' && this.embedder && this.index.vectors) {
      const vector = await this.embedder.embedQuery(text);
      lists.push(this.index.vectors.search(vector, depth));
    }
    const { candidates: fused, notFound } = rankByIdentifiers(this.index, fuseRankings(lists), identifiers, text);
    const reranked = this.reranker ? await rerank(this.index, text, fused, this.reranker) : fused;
    const candidates = withLanguageVersions(
      orderByNamedInstruments(reranked, identifiers),
      identifiers,
      (doc) => this.index.chunks[doc],
    );

    // Enough candidates for the page even if every neighbour merges away; not all of them.
    const ranked = candidates.slice(0, (offset + k) * 3 + 10).map((c) => {
      const relation = c.matched.length > 0 ? 'named' : c.others.length > 0 ? 'near-miss' : 'related';
      const result = {
        rank: 0,
        score: c.tier + c.fused,
        chunk: this.chunk(c.doc),
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
    const { results, terms, weak } = describeResults(this.index, text, merged.slice(offset, offset + k), offset);
    return {
      query: text,
      mode: this.mode,
      identifiers,
      notFound,
      results,
      warnings: [...this.warnings],
      terms,
      intents: detectIntents(text),
      weak,
    };
  }

  /** The instruments the question names; "46 vs 49" names some only when nothing else in it does. */
  private namedInstruments(text: string): Identifier[] {
    const table = identifierTable(this.index);
    const named = readQueryInstruments(text);
    return (named.length > 0 ? named : readBareInstruments(text, table)).map((id) => withOfficialForm(table, id));
  }

  /** A chunk's lexical fields; its text is read from disk only if a refinement asks for it. */
  private passageFields(doc: number): LexicalInput {
    const chunk = this.chunk(doc);
    return {
      title: chunk.title,
      section: chunk.section.join(' › '),
      get text() {
        return chunk.text;
      },
    };
  }

  private chunk(doc: number): Chunk {
    const chunk = this.index.chunks[doc];
    if (!chunk)
      throw new PolicybotError(
        'INDEX_CORRUPT',
        `Chunk ${doc} is missing from the index.`,
        'Run `npm run ingest` to rebuild it.',
      );
    return chunk;
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
