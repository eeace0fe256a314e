import type { Answer } from '../types.ts';
import { selectQuote } from './quote.ts';

/** One result in the `--json` output. */
export interface JsonResult {
  rank: number;
  score: number;
  chunkId: string;
  file: string;
  title: string;
  section: string[];
  page: number | null;
  charStart: number;
  charEnd: number;
  text: string;
  quote: string;
  /** For a near miss: the instruments it names instead of the ones asked about. */
  otherIdentifiers: string[];
}

/** The `--json` answer object: one per question. */
export interface JsonAnswer {
  query: string;
  mode: 'hybrid' | 'lexical';
  identifiers: string[];
  notFound: string[];
  results: JsonResult[];
}

/** Maps an answer to the documented JSON shape (quotes verbatim, scores rounded for stability). */
export function answerToJson(answer: Answer, analyze: (text: string) => string[], quoteChars = 600): JsonAnswer {
  return {
    query: answer.query,
    mode: answer.mode,
    identifiers: answer.identifiers.map((id) => id.label),
    notFound: answer.notFound,
    results: answer.results.map((r) => ({
      rank: r.rank,
      score: Math.round(r.score * 1e6) / 1e6,
      chunkId: r.chunk.id,
      file: r.chunk.file,
      title: r.chunk.title,
      section: r.chunk.section,
      page: r.chunk.page,
      charStart: r.chunk.charStart,
      charEnd: r.chunk.charEnd,
      text: r.chunk.text,
      quote: selectQuote(r, analyze, quoteChars).text,
      otherIdentifiers: r.otherIdentifiers,
    })),
  };
}
