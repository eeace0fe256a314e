import { articleOf, subdivisionOf } from '../ingest/legal-structure.ts';
import { foldText } from '../lib/text.ts';
import type { Chunk, Span } from '../types.ts';

/**
 * Where a quote sits in a legal instrument, to the clause and point: "Article 5(2)(a)" in an
 * English text, "Điều 5 khoản 2 điểm a" in a Vietnamese one (the language of the article's own
 * heading, so a translation is cited the way it is written).
 */
export interface Pinpoint {
  /** The article number as written ("5", "12a"). */
  article: string;
  /** The clause ("khoản") the quote falls in, when it falls in one. */
  clause: string | null;
  /** The point ("điểm") the quote falls in, when it falls in one of a known clause. */
  point: string | null;
  /** The language the citation is written in: that of the article's heading. */
  language: 'vi' | 'en';
  /** The citation itself: "Điều 5 khoản 2 điểm a", "Article 5(2)(a)". */
  label: string;
}

/**
 * The pinpoint of `span` (offsets in the chunk's text; the whole passage when absent) in a
 * passage of a legal article, or undefined when the passage is not in an article. The clause
 * and point are those that hold the whole span: a quote running from clause 1 into clause 2
 * is cited as the article, one inside point b) of clause 1 as "Article 3(1)(b)". A passage
 * that continues a long article (its first clause line is "3.") starts inside clause 2.
 */
export function pinpointOf(chunk: Pick<Chunk, 'title' | 'section' | 'text'>, span?: Span): Pinpoint | undefined {
  const article = articleOf(chunk.title, chunk.section);
  if (!article) return undefined;
  const language = foldText(article.heading).trimStart().startsWith('dieu') ? 'vi' : 'en';
  const lines = _subdivisionLines(chunk.text);
  const start = span?.start ?? 0;
  // The last character of the span that is not white space: a quote ending in a line break
  // does not reach into the next clause.
  let end = (span?.end ?? chunk.text.length) - 1;
  while (end > start && /\s/.test(chunk.text[end] ?? '')) end--;
  const first = _pathAt(lines, start);
  const last = _pathAt(lines, Math.max(start, end));
  const clause = first.clause !== null && first.clause === last.clause ? first.clause : null;
  const point = clause !== null && first.point !== null && first.point === last.point ? first.point : null;
  return { article: article.number, clause, point, language, label: _label(language, article.number, clause, point) };
}

/** True when the pinpoint names more than its article (a clause, or a point of one). */
export function isFinerThanArticle(pinpoint: Pinpoint | undefined): pinpoint is Pinpoint {
  return pinpoint !== undefined && pinpoint.clause !== null;
}

interface _SubdivisionLine {
  at: number;
  kind: 'clause' | 'point';
  label: string;
}

/** The clause and point lines of a passage, with where each starts. */
function _subdivisionLines(text: string): _SubdivisionLine[] {
  const out: _SubdivisionLine[] = [];
  let at = 0;
  for (const line of text.split('\n')) {
    const sub = subdivisionOf(line);
    if (sub) out.push({ at, ...sub });
    at += line.length + 1;
  }
  return out;
}

/**
 * The clause and point open at `offset`. A passage whose first clause line is "K." (K > 1)
 * continues clause K − 1 of its article up to that line.
 */
function _pathAt(lines: readonly _SubdivisionLine[], offset: number): { clause: string | null; point: string | null } {
  const first = Number(lines.find((l) => l.kind === 'clause')?.label ?? 0);
  let clause: string | null = first > 1 ? String(first - 1) : null;
  let point: string | null = null;
  for (const line of lines) {
    if (line.at > offset) break;
    if (line.kind === 'clause') {
      clause = line.label;
      point = null;
    } else point = line.label;
  }
  // A point whose clause is unknown cannot be named: "điểm b" of which clause?
  if (clause === null) point = null;
  return { clause, point };
}

function _label(language: 'vi' | 'en', article: string, clause: string | null, point: string | null): string {
  if (language === 'vi') {
    return [`Điều ${article}`, clause && `khoản ${clause}`, point && `điểm ${point}`].filter(Boolean).join(' ');
  }
  return `Article ${article}${clause ? `(${clause})` : ''}${point ? `(${point})` : ''}`;
}
