import { Analyzer } from './analyzer.ts';
import type { AnalyzerOptions } from './analyzer-options.ts';
import { encodeForward, type ForwardIndex } from './forward-index.ts';
import { LEXICAL_FIELDS, type LexicalInput } from './lexical-options.ts';
import { orderTerms, type PairTable } from './pair-table.ts';

const FIELD_COUNT = LEXICAL_FIELDS.length;
const MAX_TF = 0xffff;
const NO_DOC = 0xffffffff;
const BODY = LEXICAL_FIELDS.indexOf('body');

/**
 * An inverted index in flat typed arrays (compressed sparse rows): no object per posting, so
 * 100k chunks cost tens of megabytes and load as a handful of buffers.
 * The posting list of term t in field f (f indexes {@link LEXICAL_FIELDS}) is
 * `docs/tfs[offsets[t·F + f] .. offsets[t·F + f + 1])`, documents ascending.
 */
export interface Postings {
  docCount: number;
  /** Term id → term: words first, then syllable pairs (see pair-table.ts). */
  terms: string[];
  /** The pair terms as two word ids each. */
  pairs: PairTable;
  /** Term id → number of documents containing the term in any field. */
  df: Uint32Array;
  /** Length termCount·F + 1. */
  offsets: Uint32Array;
  docs: Uint32Array;
  /** Occurrences, capped at 65,535. */
  tfs: Uint16Array;
  /** doc·F + f → that field's length in terms. */
  lengths: Uint32Array;
}

/**
 * Analyzes every field of every document with a fresh analyzer and inverts the result into
 * {@link Postings}; each document's term ids, in order, also go into a {@link ForwardIndex}.
 * Term ids are the analyzer's term numbers (a fresh analyzer numbers exactly the terms of
 * these documents, in order of first sight) with the syllable pairs moved after the words
 * (pair-table.ts); the analyzer is returned for querying.
 */
export function buildPostings(
  inputs: readonly LexicalInput[],
  options: AnalyzerOptions,
): { postings: Postings; forward: ForwardIndex; analyzer: Analyzer } {
  const analyzer = new Analyzer(options);
  const forwardIds = new _Growable();
  const entryList = new _Growable();
  const entryDoc = new _Growable();
  const entryTf = new _Growable();
  const lengths = new Uint32Array(inputs.length * FIELD_COUNT);
  // Per-term scratch, indexed by term id and grown with the vocabulary.
  let tf = new Uint32Array(1024);
  let lastDoc = new Uint32Array(1024).fill(NO_DOC);
  let df = new Uint32Array(1024);
  const touched: number[] = [];
  let ids: number[] = [];
  // Each field's text and terms in the document before: a document's passages share its title,
  // a section's their section path, and analysing the same text again gives the same terms.
  const lastText: (string | undefined)[] = new Array(FIELD_COUNT);
  const lastIds: number[][] = Array.from({ length: FIELD_COUNT }, () => []);

  for (let doc = 0; doc < inputs.length; doc++) {
    const input = inputs[doc]!;
    for (let f = 0; f < FIELD_COUNT; f++) {
      const text = f === BODY ? input.text : input[LEXICAL_FIELDS[f] as 'title' | 'section'];
      if (text === lastText[f] && analyzer.learning) ids = lastIds[f]!;
      else {
        ids = lastIds[f]!;
        ids.length = 0;
        analyzer.analyzeToNumbers(text, ids);
        lastText[f] = text;
      }
      lengths[doc * FIELD_COUNT + f] = ids.length;
      for (let t = 0; t < ids.length; t++) forwardIds.push(ids[t]!);
      while (analyzer.termCount > tf.length) {
        tf = _grow(tf, 0);
        lastDoc = _grow(lastDoc, NO_DOC);
        df = _grow(df, 0);
      }
      for (let t = 0; t < ids.length; t++) {
        const id = ids[t]!;
        if (tf[id]!++ === 0) touched.push(id);
      }
      // Terms in first-seen order; the counting sort below orders lists by term, then doc.
      for (let t = 0; t < touched.length; t++) {
        const id = touched[t]!;
        entryList.push(id * FIELD_COUNT + f);
        entryDoc.push(doc);
        entryTf.push(Math.min(tf[id]!, MAX_TF));
        tf[id] = 0;
        if (lastDoc[id] !== doc) {
          lastDoc[id] = doc;
          df[id]!++;
        }
      }
      touched.length = 0;
    }
  }

  const firstSight = Array.from({ length: analyzer.termCount }, (_, n) => analyzer.term(n));
  const { newId, pairs } = orderTerms(firstSight);
  const terms = new Array<string>(firstSight.length);
  const termDf = new Uint32Array(firstSight.length);
  for (let old = 0; old < firstSight.length; old++) {
    terms[newId[old]!] = firstSight[old]!;
    termDf[newId[old]!] = df[old]!;
  }
  // A posting list's key: the term's new id, then the field.
  const listOf = (entry: number) => newId[Math.floor(entry / FIELD_COUNT)]! * FIELD_COUNT + (entry % FIELD_COUNT);
  const listCount = terms.length * FIELD_COUNT;
  const offsets = new Uint32Array(listCount + 1);
  for (let i = 0; i < entryList.length; i++) offsets[listOf(entryList.data[i]!) + 1]! += 1;
  for (let i = 0; i < listCount; i++) offsets[i + 1]! += offsets[i]!;
  const cursor = offsets.slice(0, listCount);
  const docs = new Uint32Array(entryList.length);
  const tfs = new Uint16Array(entryList.length);
  for (let i = 0; i < entryList.length; i++) {
    const at = cursor[listOf(entryList.data[i]!)]!++;
    docs[at] = entryDoc.data[i]!;
    tfs[at] = entryTf.data[i]!;
  }
  const forward = encodeForward(forwardIds.data.subarray(0, forwardIds.length), lengths, newId, pairs);
  const postings = { docCount: inputs.length, terms, pairs, df: termDf, offsets, docs, tfs, lengths };
  return { postings, forward, analyzer };
}

/** A copy of `array` twice as long, the new half set to `fill`. */
function _grow(array: Uint32Array<ArrayBuffer>, fill: number): Uint32Array<ArrayBuffer> {
  const bigger = new Uint32Array(array.length * 2).fill(fill, array.length);
  bigger.set(array);
  return bigger;
}

/** An append-only Uint32Array that doubles its capacity as it fills. */
class _Growable {
  data = new Uint32Array(1024);
  length = 0;

  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Uint32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }
}
