import { mkdir } from 'node:fs/promises';
import type { LexicalHit, LexicalSearcher } from '../types.ts';
import { Analyzer } from './analyzer.ts';
import { bm25Idf } from './bm25.ts';
import { Bm25fScorer, type QueryTerm } from './bm25f-scorer.ts';
import type { ForwardIndex } from './forward-index.ts';
import {
  definedOnly,
  type LexicalInput,
  type LexicalOptions,
  type RefinementOptions,
  resolveLexicalOptions,
  type ScoringOptions,
} from './lexical-options.ts';
import { loadLexical, saveLexical } from './lexical-storage.ts';
import { PassageReader, type PassageTerms } from './passage-terms.ts';
import type { Postings } from './postings.ts';
import { type PassageSentences, readSentences, type SentenceTable } from './sentence-table.ts';
import { TermIds } from './term-ids.ts';
import { type CloseTerm, Vocabulary } from './vocabulary.ts';
import { buildLexicalParts } from './write-lexical.ts';

/**
 * The BM25F index over chunks' title, section path and text. Documents are the inputs'
 * ordinals. Build it with {@link LexicalIndex.build}, persist it with `save`, read it back
 * with {@link LexicalIndex.load}; it is immutable once made.
 */
export class LexicalIndex implements LexicalSearcher {
  /** Number of indexed documents. */
  readonly size: number;
  private readonly analyzer: Analyzer;
  private readonly termIds: TermIds;
  private readonly scorer: Bm25fScorer;
  private vocabulary: Vocabulary | undefined;
  private readonly passages: PassageReader;

  private constructor(
    private readonly postings: Postings,
    private readonly forward: ForwardIndex,
    private readonly sentences: SentenceTable,
    /** The analyzer and scoring settings in force (record them in the manifest). */
    readonly options: Readonly<LexicalOptions>,
    termIds?: TermIds,
    analyzer?: Analyzer,
  ) {
    this.size = postings.docCount;
    this.analyzer = analyzer ?? new Analyzer(options);
    this.termIds = termIds ?? new TermIds(postings.terms, postings.pairs);
    this.scorer = new Bm25fScorer(postings, options);
    this.passages = new PassageReader(forward, postings.lengths, postings.terms, postings.pairs);
  }

  /**
   * Indexes `docs` (one per chunk, in chunk order) with the defaults overlaid by `options`.
   * Throws CONFIG_INVALID for out-of-range options. A build that only writes the files calls
   * writeLexicalIndex (write-lexical.ts) instead.
   */
  static build(docs: readonly LexicalInput[], options: Partial<LexicalOptions> = {}): LexicalIndex {
    const { postings, forward, sentences, options: resolved, analyzer } = buildLexicalParts(docs, options);
    return new LexicalIndex(postings, forward, sentences, resolved, undefined, analyzer);
  }

  /**
   * Reads an index written by `save`. Throws INDEX_MISSING when its files are absent,
   * INDEX_INCOMPATIBLE for another format version and INDEX_CORRUPT when they disagree.
   */
  static async load(dir: string): Promise<LexicalIndex> {
    const { postings, forward, sentences, options } = await loadLexical(dir);
    return new LexicalIndex(postings, forward, sentences, options);
  }

  /** Writes the `lexical.*` files into `dir` (created if need be). */
  async save(dir: string): Promise<void> {
    await mkdir(dir, { recursive: true });
    await saveLexical(dir, this.postings, this.forward, this.sentences, this.options);
  }

  /**
   * The same index with other BM25F parameters or query-time refinements, sharing the
   * postings: lets a tuner sweep them without rebuilding. Analyzer settings need a rebuild.
   */
  withScoring(scoring: Partial<ScoringOptions & RefinementOptions>): LexicalIndex {
    // An undefined value keeps this index's setting, not the code default.
    const fieldWeights = { ...this.options.fieldWeights, ...definedOnly(scoring.fieldWeights ?? {}) };
    const resolved = resolveLexicalOptions({ ...this.options, ...definedOnly(scoring), fieldWeights });
    return new LexicalIndex(this.postings, this.forward, this.sentences, resolved, this.termIds, this.analyzer);
  }

  /**
   * The top `k` documents for a free-text query by BM25F, best first; ties go to the lower
   * ordinal. Documents sharing no term with the query are never returned. A term the query
   * repeats counts once per repetition, as in Lucene's sum over query clauses.
   */
  search(query: string, k: number): LexicalHit[] {
    if (!(k >= 1) || this.size === 0) return [];
    const counts = new Map<number, number>();
    for (const term of this.analyzer.analyzeQuery(query)) {
      const id = this.termIds.get(term);
      if (id !== undefined) counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    const terms: QueryTerm[] = [...counts].map(([id, count]) => ({ id, count }));
    return this.scorer.search(terms, Math.floor(k));
  }

  /**
   * The top `k` documents for analyzed terms with weights (a weight multiplies the term's
   * contribution, as a repetition count does in `search`). Terms the index has never seen
   * and non-positive weights are ignored.
   */
  searchTerms(weights: ReadonlyMap<string, number>, k: number): LexicalHit[] {
    if (!(k >= 1) || this.size === 0) return [];
    const terms: QueryTerm[] = [];
    for (const [term, weight] of weights) {
      const id = this.termIds.get(term);
      if (id !== undefined && weight > 0) terms.push({ id, count: weight });
    }
    return this.scorer.search(terms, Math.floor(k));
  }

  /** The top `k` documents for weighted term ids (see {@link searchTerms}); non-positive weights are ignored. */
  searchIds(terms: readonly QueryTerm[], k: number): LexicalHit[] {
    if (!(k >= 1) || this.size === 0) return [];
    return this.scorer.search(this.valid(terms), Math.floor(k));
  }

  /** The id of an analyzed term, or undefined when no document contains it. */
  termId(term: string): number | undefined {
    return this.termIds.get(term);
  }

  /**
   * The word terms within `maxEdits` edits of `term`, closest and most frequent first (see
   * Vocabulary.closeTerms): what a misspelt query word may have meant. The first call indexes
   * the vocabulary by term length.
   */
  closeTerms(term: string, maxEdits: number): CloseTerm[] {
    // Pairs are never close terms (vocabulary.ts looks up plain words only).
    this.vocabulary ??= new Vocabulary(this.postings.terms.slice(0, this.postings.pairs.wordCount), this.postings.df);
    return this.vocabulary.closeTerms(term, maxEdits);
  }

  /** The analyzed term with id `id`. */
  termText(id: number): string {
    return this.postings.terms[id]!;
  }

  /** How many documents contain the term with id `id`, in any field. */
  docFrequencyOf(id: number): number {
    return this.postings.df[id] ?? 0;
  }

  /**
   * Document `doc`'s terms as the analyzer emitted them at build time, field after field:
   * `analyze(field text)` for each field, as ids. Read from the stored term lists, not the text.
   */
  passageTerms(doc: number): PassageTerms {
    return this.readPassage(doc, false);
  }

  /** The same without identifier terms: per field, `analyzeWords(field text)` as ids. */
  passageWords(doc: number): PassageTerms {
    return this.readPassage(doc, true);
  }

  /** Passage `doc`'s sentences and their cue codes, stored at build time (sentence-table.ts). */
  passageSentences(doc: number): PassageSentences {
    if (!(doc >= 0 && doc < this.size)) throw new RangeError(`No document ${doc} in a lexical index of ${this.size}.`);
    return readSentences(this.sentences, doc);
  }

  /** The BM25 idf of an analyzed term (0 for a term no document contains). */
  idf(term: string): number {
    const df = this.docFrequency(term);
    return df === 0 ? 0 : bm25Idf(df, this.size);
  }

  /** How many documents contain an analyzed term, in any field. */
  docFrequency(term: string): number {
    const id = this.termIds.get(term);
    return id === undefined ? 0 : this.postings.df[id]!;
  }

  /** The analyzer's terms for `text`, in order, identifier terms (`§circular:49`) last. */
  analyze(text: string): string[] {
    return this.analyzer.analyze(text);
  }

  /** The analyzer's terms for `text` without identifier terms and syllable pairs: its words only. */
  analyzeWords(text: string): string[] {
    return this.analyzer.analyze(text, true);
  }

  /** The analyzer's terms for a question (boilerplate cut; see Analyzer.analyzeQuery); `words` as in analyzeWords. */
  analyzeQuery(text: string, words = false): string[] {
    return this.analyzer.analyzeQuery(text, words);
  }

  /** Known terms with positive weights: what the scorer is given. */
  private valid(terms: readonly QueryTerm[]): QueryTerm[] {
    return terms.filter((t) => t.count > 0 && t.id < this.postings.terms.length);
  }

  private readPassage(doc: number, wordsOnly: boolean): PassageTerms {
    if (!(doc >= 0 && doc < this.size)) throw new RangeError(`No document ${doc} in a lexical index of ${this.size}.`);
    return this.passages.read(doc, wordsOnly);
  }
}
