import type { APIEmbed } from 'discord.js';
import { sectionPath } from '../present/citation.ts';
import { quoteEllipses } from '../present/ellipses.ts';
import { isFinerThanArticle, pinpointOf } from '../present/pinpoint.ts';
import { selectQuote } from '../present/quote.ts';
import { formatNotFound, WEAK_ANSWER_NOTICE } from '../present/render-text.ts';
import { formatStatusNote } from '../present/status-note.ts';
import type { Answer, SearchResult, Span } from '../types.ts';
import { citationLine, passageHeading, sourceUrl } from './citation-line.ts';
import { escapeWithEmphasis, escapeWithin, truncateAtWord } from './escape.ts';
import {
  CONTENT_MAX,
  EMBED_FIELD_VALUE_MAX,
  EMBED_TITLE_MAX,
  EMBED_TOTAL_MAX,
  EMBEDS_PER_MESSAGE_MAX,
} from './limits.ts';
import { relationStyle } from './result-style.ts';

export interface RenderedAnswer {
  content: string;
  embeds: APIEmbed[];
  /** Per result, the quoted sentences of its passage (offsets in the chunk text), for "Full passage". */
  quotes: Span[][];
}

export interface PageOptions {
  /** Footer of the last embed (page number, search mode). */
  footer?: string | undefined;
  /** Lines shown before the passages once (e.g. that semantic search is off, on the first answer after start). */
  notices?: readonly string[];
}

/** Room kept under the 6000-character total for safety. */
const TOTAL_BUDGET = EMBED_TOTAL_MAX - 100;
const CITATION_MAX = 700;
/** A label is a glance, not a sentence. */
const LABEL_MAX = 160;

/**
 * One page of an answer as Discord embeds. Per passage: a label and colour saying whether it
 * is about an instrument the question names, related, or a near miss; its section as the
 * title; a verbatim quote (escaped, matched words in bold); one short citation line. Quotes
 * shrink until the whole message fits every limit; nothing is cut inside a word or an escape.
 */
export function renderAnswer(
  answer: Answer,
  analyze: (text: string) => string[],
  page: PageOptions = {},
): RenderedAnswer {
  const lines: string[] = [];
  if (answer.notFound.length > 0)
    lines.push(`⚠️ ${formatNotFound(answer.notFound)}${answer.results.length > 0 ? ' Closest passages:' : ''}`);
  else if (answer.weak && answer.results.length > 0) lines.push(`⚠️ ${WEAK_ANSWER_NOTICE}`);
  if (answer.results.length === 0)
    lines.push('No passage in the corpus matches this question. Try other words or a document number.');
  for (const notice of page.notices ?? []) lines.push(`ℹ️ ${notice}`);
  const content = escapeWithin(lines.join('\n'), CONTENT_MAX);
  const results = answer.results.slice(0, EMBEDS_PER_MESSAGE_MAX);
  for (const budget of budgets()) {
    const rendered = results.map((r) => renderResult(r, answer, analyze, budget));
    const embeds = rendered.map((x) => x.embed);
    if (page.footer && embeds.length > 0) embeds[embeds.length - 1]!.footer = { text: page.footer };
    if (embedsLength(embeds) <= TOTAL_BUDGET || budget.last)
      return { content, embeds, quotes: rendered.map((x) => x.quote) };
  }
  throw new Error('unreachable: the last budget always returns');
}

interface Budget {
  quoteChars: number;
  citationChars: number;
  titleChars: number;
  last?: boolean;
}

/** Ever smaller allowances: quotes shrink first; only ten long-titled passages need the last ones. */
function* budgets(): Generator<Budget> {
  for (let quoteChars = 900; quoteChars > 40; quoteChars = Math.floor(quoteChars * 0.75)) {
    yield { quoteChars, citationChars: CITATION_MAX, titleChars: EMBED_TITLE_MAX };
  }
  yield { quoteChars: 40, citationChars: 200, titleChars: 120 };
  yield { quoteChars: 40, citationChars: 0, titleChars: 80, last: true };
}

function renderResult(
  result: SearchResult,
  answer: Answer,
  analyze: (t: string) => string[],
  budget: Budget,
): { embed: APIEmbed; quote: Span[] } {
  const quote = selectQuote(result, analyze, budget.quoteChars, answer);
  const { before, after } = quoteEllipses(quote, result.chunk.text);
  const { source } = result;
  const body = `> ${before}${escapeWithEmphasis(quote.text, quote.emphasis).replace(/\s*\n\s*/g, ' ')}${after}`;
  const pinpoint = pinpointOf(result.chunk, quote);
  const full = citationLine(result.chunk, source, isFinerThanArticle(pinpoint) ? pinpoint.label : undefined);
  const citation =
    full.length <= budget.citationChars
      ? full
      : budget.citationChars > 0
        ? escapeWithin(result.chunk.title, budget.citationChars)
        : '';
  const style = relationStyle(result, answer);
  const embed: APIEmbed = {
    title: `[${result.rank}] ${escapeWithin(passageHeading(result.chunk), budget.titleChars - 6)}`,
    description: citation ? `${body}\n${citation}` : body,
    color: style.colour,
  };
  if (style.label) embed.author = { name: truncateAtWord(style.label, LABEL_MAX) };
  const notes = (result.statusNotes ?? []).map((n) => `⚠ ${formatStatusNote(n, result.chunk)}`);
  if (notes.length > 0)
    embed.fields = [
      {
        name: '⚠ Status',
        value: escapeWithin(notes.join('\n'), Math.min(EMBED_FIELD_VALUE_MAX, budget.citationChars + 100)),
      },
    ];
  const url = sectionPath(result.chunk).length === 0 ? sourceUrl(source) : undefined;
  if (url) embed.url = url;
  return { embed, quote: quote.sentences };
}

/** Characters Discord counts toward the 6000 total. */
export function embedsLength(embeds: readonly APIEmbed[]): number {
  return embeds.reduce(
    (sum, e) =>
      sum +
      (e.title?.length ?? 0) +
      (e.description?.length ?? 0) +
      (e.footer?.text.length ?? 0) +
      (e.author?.name.length ?? 0) +
      (e.fields ?? []).reduce((s, f) => s + f.name.length + f.value.length, 0),
    0,
  );
}
