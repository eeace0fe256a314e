import { isWordTerm } from './analyzer.ts';
import { type ForwardIndex, readPassageTerms } from './forward-index.ts';
import { LEXICAL_FIELDS } from './lexical-options.ts';
import type { PairTable } from './pair-table.ts';

const FIELD_COUNT = LEXICAL_FIELDS.length;

/** A passage's term ids, field after field, and where each field ends in `ids`. */
export interface PassageTerms {
  ids: Uint32Array;
  /** `ends[f]` is the end of field f (of {@link LEXICAL_FIELDS}) in `ids`; field f starts at `ends[f − 1]` or 0. */
  ends: number[];
}

/**
 * Reads passages' stored term ids (the forward index) split by field, with or without the
 * terms that are not words (identifier terms, syllable pairs).
 */
export class PassageReader {
  /** Decoding buffer, reused (the query path is synchronous). */
  private scratch: Uint32Array = new Uint32Array(1024);
  private readonly fieldEnds: number[] = [];
  /** Term id → 0 not yet looked at, 1 a word, 2 not a word (see isWord). */
  private readonly termKinds: Uint8Array;

  constructor(
    private readonly forward: ForwardIndex,
    /** doc·F + f → that field's length in terms. */
    private readonly lengths: Uint32Array,
    private readonly terms: readonly string[],
    private readonly pairs: PairTable,
  ) {
    this.termKinds = new Uint8Array(pairs.wordCount);
  }

  /** Passage `doc`'s terms per field; only its words when `wordsOnly` (its pairs are then not even derived). */
  read(doc: number, wordsOnly: boolean): PassageTerms {
    const fieldEnds = this.fieldEnds;
    const { ids, count } = readPassageTerms(
      this.forward,
      this.lengths,
      this.pairs,
      doc,
      this.scratch,
      fieldEnds,
      !wordsOnly,
    );
    this.scratch = ids;
    if (!wordsOnly) return { ids: ids.slice(0, count), ends: fieldEnds.slice(0, FIELD_COUNT) };
    const out = new Uint32Array(count);
    const ends: number[] = [];
    let read = 0;
    let kept = 0;
    for (let f = 0; f < FIELD_COUNT; f++) {
      for (const end = fieldEnds[f]!; read < end; read++) {
        const id = ids[read]!;
        if (this.isWord(id)) out[kept++] = id;
      }
      ends.push(kept);
    }
    return { ids: kept === count ? out : out.slice(0, kept), ends };
  }

  /** Whether term `id` is a word (not an identifier term or syllable pair), remembered per id. */
  private isWord(id: number): boolean {
    if (id >= this.pairs.wordCount) return false;
    let kind = this.termKinds[id]!;
    if (kind === 0) this.termKinds[id] = kind = isWordTerm(this.terms[id]!) ? 1 : 2;
    return kind === 1;
  }
}
