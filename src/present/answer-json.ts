import { SOURCE_FIELDS } from '../ingest/source-metadata.ts';
import type { Answer, QuestionIntent, ResultRelation, SourceMetadata, Span, StatusNote } from '../types.ts';
import { type Pinpoint, pinpointOf } from './pinpoint.ts';
import { selectQuote } from './quote.ts';

/** Every source field, null when the document's metadata does not give it (a stable shape). */
export type JsonSource = { [K in keyof Required<SourceMetadata>]: SourceMetadata[K] | null };

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
  /** Offsets of the quote in `text` (`text.slice(quoteStart, quoteEnd) === quote`). */
  quoteStart: number;
  quoteEnd: number;
  /** The quoted sentences as offsets in `text`, for showing the passage with the quote in bold. */
  quoteSentences: Span[];
  /**
   * For a passage of a legal article: the article, and the clause and point the quote falls in
   * ("Article 5(2)(a)", "Điều 5 khoản 2 điểm a", in the document's language); else null.
   */
  pinpoint: Pinpoint | null;
  /** About an instrument the question names, a near miss (another of the same kind), or related. */
  relation: ResultRelation;
  /** For a near miss: the instruments it names instead of the ones asked about. */
  otherIdentifiers: string[];
  /** The document's source metadata: publisher, date, url, kind, status, … */
  source: JsonSource;
  /** Warnings that an instrument the passage names is replaced, repealed, amended or outdated. */
  statusNotes: StatusNote[];
}

/** An instrument the question names: the label, the matching key, and the official form. */
export interface JsonInstrument {
  label: string;
  key: string;
  /** As the corpus (or else the question) writes its number, e.g. `49/2017/TT-BYT`; null when never written as a code. */
  official: string | null;
  /** False when no document mentions it (it is then in `notFound` too). */
  found: boolean;
}

/** The `--json` answer object: one per question. */
export interface JsonAnswer {
  query: string;
  mode: 'hybrid' | 'lexical';
  /** True when no passage clearly answers: the results are only the closest passages. */
  weak: boolean;
  /** The kinds of answer the question asks for (obligation, target, date, number, agency). */
  intents: QuestionIntent[];
  /** Labels of the instruments the question names, in the order named. */
  identifiers: string[];
  instruments: JsonInstrument[];
  notFound: string[];
  results: JsonResult[];
}

/** Maps an answer to the documented JSON shape (quotes verbatim, scores rounded for stability). */
export function answerToJson(answer: Answer, analyze: (text: string) => string[], quoteChars = 600): JsonAnswer {
  return {
    query: answer.query,
    mode: answer.mode,
    weak: answer.weak,
    intents: answer.intents,
    identifiers: answer.identifiers.map((id) => id.label),
    instruments: answer.identifiers.map((id) => ({
      label: id.label,
      key: id.key,
      official: id.official ?? null,
      found: !answer.notFound.includes(id.label),
    })),
    notFound: answer.notFound,
    results: answer.results.map((r) => {
      const quote = selectQuote(r, analyze, quoteChars, answer);
      return {
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
        quote: quote.text,
        quoteStart: quote.start,
        quoteEnd: quote.end,
        quoteSentences: quote.sentences,
        pinpoint: pinpointOf(r.chunk, quote) ?? null,
        relation: r.relation,
        otherIdentifiers: r.otherIdentifiers,
        source: toJsonSource(r.source),
        statusNotes: r.statusNotes ?? [],
      };
    }),
  };
}

function toJsonSource(source: SourceMetadata | undefined): JsonSource {
  return Object.fromEntries(SOURCE_FIELDS.map((field) => [field, source?.[field] ?? null])) as JsonSource;
}
