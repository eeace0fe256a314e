import type { LoadedIndex } from '../store/types.ts';
import type { Answer, SearchResult } from '../types.ts';
import { isWeakAnswer } from './confidence.ts';
import { readMatchedTerms, readResultTerms, termIdsOf } from './passage-terms.ts';
import { weighQueryTerms } from './query-terms.ts';
import { detectIntents, intentWording } from './question-intent.ts';
import { describeSource } from './source-notes.ts';

/** A result of the page being answered, with the chunk ordinals merged into it. */
export interface PageItem {
  result: SearchResult;
  docs: number[];
}

/**
 * What an answer says about its page of results: each result's rank, the question's terms it
 * holds and its source notes; the question's weighted terms; and whether no result clearly
 * answers (confidence.ts). Terms are read from the index's stored term lists, never from text:
 * matched terms are the question's analyzed terms, coverage also counts typo corrections, and
 * coverage reads the first results' terms only when no named instrument settles it.
 */
export function describeResults(
  index: LoadedIndex,
  question: string,
  page: readonly PageItem[],
  offset: number,
): Pick<Answer, 'results' | 'terms' | 'weak'> {
  const lexical = index.lexical;
  const queryIds = termIdsOf(lexical, lexical.analyzeQuery(question));
  const terms = weighQueryTerms(lexical, question);
  const results = page.map((r, i) => ({
    ...r.result,
    rank: offset + i + 1,
    matchedTerms: readMatchedTerms(lexical, index.chunks, r.docs, queryIds),
    ...describeSource(index, r.result.chunk),
  }));
  const docsOf = new Map(page.map((r) => [r.result.chunk, r.docs]));
  // A list's wording is its topic ("which hospitals", "các doanh nghiệp … nào"), not fixed words
  // asking for a kind of answer: counting it as asked-for would let a passage lacking the very
  // thing asked about cover the question (as in answer-cues.ts, list stays out).
  const asking = new Set(
    detectIntents(question)
      .filter((intent) => intent !== 'list')
      .flatMap((intent) => lexical.analyze(intentWording(question, intent))),
  );
  let wanted: Set<number> | undefined;
  const weak = isWeakAnswer(
    terms,
    results,
    (r) => {
      wanted ??= new Set([
        ...queryIds,
        ...termIdsOf(
          lexical,
          terms.map((t) => t.term),
        ),
      ]);
      return readResultTerms(lexical, index.chunks, docsOf.get(r.chunk) ?? [], wanted);
    },
    asking,
  );
  return { results, terms, weak };
}
