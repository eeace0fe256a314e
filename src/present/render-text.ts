import type { Answer, Span } from '../types.ts';
import { formatCitation } from './citation.ts';
import { quoteEllipses } from './ellipses.ts';
import { matchedLabels, nearMissNote, relatedNote } from './identifier-notes.ts';
import { isFinerThanArticle, pinpointOf } from './pinpoint.ts';
import { selectQuote } from './quote.ts';
import { formatStatusNote } from './status-note.ts';

export interface TextStyle {
  /** Wraps an emphasised word, e.g. ANSI bold on a terminal; identity for plain output. */
  strong: (word: string) => string;
  /** Characters of quote per result. */
  quoteChars: number;
}

export const PLAIN_STYLE: TextStyle = { strong: (w) => w, quoteChars: 600 };
export const TERMINAL_STYLE: TextStyle = { strong: (w) => `\u001b[1m${w}\u001b[22m`, quoteChars: 600 };

/** Inserts emphasis around the given spans of `text` (spans sorted, non-overlapping). */
export function emphasize(text: string, spans: readonly Span[], strong: (word: string) => string): string {
  let out = '';
  let at = 0;
  for (const s of spans) {
    out += text.slice(at, s.start) + strong(text.slice(s.start, s.end));
    at = s.end;
  }
  return out + text.slice(at);
}

/** The sentence shown when named identifiers are in no document. */
export function formatNotFound(notFound: readonly string[]): string {
  const names = notFound.length === 1 ? notFound[0] : `${notFound.slice(0, -1).join(', ')} or ${notFound.at(-1)}`;
  return `No document in the corpus mentions ${names}.`;
}

/** The line that opens an answer no passage clearly answers (see `Answer.weak`). */
export const WEAK_ANSWER_NOTICE = 'No passage clearly answers this. Closest passages:';

/**
 * The CLI's human-readable answer: not-found notice, the weak-answer notice, then each passage as a citation and a
 * verbatim quote (ellipses mark where the quote starts or ends inside the passage).
 */
export function renderAnswerText(
  answer: Answer,
  analyze: (text: string) => string[],
  style: TextStyle = PLAIN_STYLE,
): string {
  const lines: string[] = [];
  if (answer.notFound.length > 0) {
    lines.push(formatNotFound(answer.notFound), answer.results.length > 0 ? 'Closest passages:' : '', '');
  } else if (answer.weak && answer.results.length > 0) {
    lines.push(WEAK_ANSWER_NOTICE, '');
  }
  if (answer.results.length === 0) {
    lines.push('No passage matches this question. Try other words, or check the corpus with `npm run ingest`.');
  }
  for (const result of answer.results) {
    const quote = selectQuote(result, analyze, style.quoteChars, answer);
    const { before, after } = quoteEllipses(quote, result.chunk.text);
    lines.push(formatCitation(result.rank, result.chunk, result.source));
    // Line breaks inside the quote (a list, a table row) would break the indentation; the JSON
    // output keeps the exact text.
    lines.push(
      `    “${before}${emphasize(quote.text, quote.emphasis, style.strong).replace(/\s*\n\s*/g, ' ')}${after}”`,
    );
    // The article is the citation's last section; a quote inside one clause or point names it.
    const pinpoint = pinpointOf(result.chunk, quote);
    if (isFinerThanArticle(pinpoint)) lines.push(`    Pinpoint: ${pinpoint.label}`);
    const matched = matchedLabels(result, answer);
    if (matched.length > 0) lines.push(`    Matches: ${matched.join(', ')}`);
    const nearMiss = nearMissNote(result, answer);
    if (nearMiss) lines.push(`    Note: ${nearMiss}`);
    const related = relatedNote(result, answer);
    if (related) lines.push(`    ${related}`);
    for (const note of result.statusNotes ?? []) lines.push(`    ⚠ ${formatStatusNote(note, result.chunk)}`);
    if (result.source?.url) lines.push(`    Original: ${result.source.url}`);
    lines.push('');
  }
  return `${lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}
