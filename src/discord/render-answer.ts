import type { APIEmbed, APIEmbedField } from 'discord.js';
import { formatCitation } from '../present/citation.ts';
import { matchedLabels, nearMissNote } from '../present/identifier-notes.ts';
import { selectQuote } from '../present/quote.ts';
import { formatNotFound, WEAK_ANSWER_NOTICE } from '../present/render-text.ts';
import { formatStatusNote } from '../present/status-note.ts';
import type { Answer, SearchResult } from '../types.ts';
import { escapeDiscord, escapeWithEmphasis, truncateAtWord } from './escape.ts';
import { CONTENT_MAX, EMBED_DESCRIPTION_MAX, EMBED_FIELD_VALUE_MAX, EMBED_TITLE_MAX, EMBED_TOTAL_MAX, EMBEDS_PER_MESSAGE_MAX } from './limits.ts';


export interface RenderedAnswer {
  content: string;
  embeds: APIEmbed[];
}

const COLOUR = 0x2b6cb0;
/** Room kept under the 6000-character total for the footer and safety. */
const TOTAL_BUDGET = EMBED_TOTAL_MAX - 200;

/**
 * One page of an answer as Discord embeds: per passage a verbatim quote (escaped, matched
 * words in bold), its citation and the identifiers it matched. Quotes shrink until the whole
 * message fits every limit; nothing is cut inside a word.
 */
export function renderAnswer(answer: Answer, analyze: (text: string) => string[], page: { footer?: string } = {}): RenderedAnswer {
  const lines: string[] = [];
  if (answer.notFound.length > 0) lines.push(`⚠️ ${escapeDiscord(formatNotFound(answer.notFound))}${answer.results.length > 0 ? ' Closest passages:' : ''}`);
  else if (answer.weak && answer.results.length > 0) lines.push(`⚠️ ${WEAK_ANSWER_NOTICE}`);
  if (answer.results.length === 0) lines.push('No passage in the corpus matches this question. Try other words or a document number.');
  if (answer.mode === 'lexical' && answer.warnings.length > 0) lines.push('_(keyword search only: semantic search is off)_');
  const content = truncateAtWord(lines.join('\n'), CONTENT_MAX);
  const results = answer.results.slice(0, EMBEDS_PER_MESSAGE_MAX);
  for (let quoteChars = 900; quoteChars >= 60; quoteChars = Math.floor(quoteChars * 0.75)) {
    const embeds = results.map((r) => renderResult(r, answer, analyze, quoteChars));
    if (page.footer && embeds.length > 0) embeds[embeds.length - 1]!.footer = { text: page.footer };
    if (embedsLength(embeds) <= TOTAL_BUDGET) return { content, embeds };
  }
  return { content, embeds: results.map((r) => renderResult(r, answer, analyze, 40)) };
}

function renderResult(result: SearchResult, answer: Answer, analyze: (t: string) => string[], quoteChars: number): APIEmbed {
  const quote = selectQuote(result, analyze, quoteChars, answer);
  const before = quote.start > 0 ? '…' : '';
  const after = quote.end < result.chunk.text.length ? '…' : '';
  const citation = truncateAtWord(escapeDiscord(formatCitation(result.rank, result.chunk, result.source)), 700);
  const body = `> ${before}${escapeWithEmphasis(quote.text, quote.emphasis).replace(/\n+/g, ' ')}${after}`;
  const description = `${body}\n\n${citation}`.slice(0, EMBED_DESCRIPTION_MAX);
  const embed: APIEmbed = {
    title: truncateAtWord(`[${result.rank}] ${result.chunk.section.at(-1) ?? result.chunk.title}`, EMBED_TITLE_MAX),
    description,
    color: COLOUR,
    ...(result.source?.url ? { url: result.source.url } : {}),
  };
  const matched = matchedLabels(result, answer);
  const fields: APIEmbedField[] = [];
  if (matched.length > 0) fields.push({ name: 'Matches', value: truncateAtWord(escapeDiscord(matched.join(', ')), EMBED_FIELD_VALUE_MAX), inline: true });
  const nearMiss = nearMissNote(result, answer);
  if (nearMiss) fields.push({ name: '⚠ Not the one asked', value: truncateAtWord(escapeDiscord(nearMiss), EMBED_FIELD_VALUE_MAX), inline: true });
  const notes = (result.statusNotes ?? []).map((n) => `⚠ ${formatStatusNote(n, result.chunk)}`).join('\n');
  if (notes) fields.push({ name: '⚠ Status', value: truncateAtWord(escapeDiscord(notes), EMBED_FIELD_VALUE_MAX) });
  if (fields.length > 0) embed.fields = fields;
  return embed;
}

/** Characters Discord counts toward the 6000 total. */
export function embedsLength(embeds: readonly APIEmbed[]): number {
  return embeds.reduce(
    (sum, e) =>
      sum +
      (e.title?.length ?? 0) +
      (e.description?.length ?? 0) +
      (e.footer?.text.length ?? 0) +
      (e.fields ?? []).reduce((s, f) => s + f.name.length + f.value.length, 0),
    0,
  );
}

/** The whole passage for "Full passage", split into embed descriptions within the limits. */
export function renderFullPassage(result: SearchResult): APIEmbed[] {
  const text = escapeDiscord(result.chunk.text);
  const pieces: string[] = [];
  let rest = text;
  const per = Math.min(EMBED_DESCRIPTION_MAX, Math.floor(TOTAL_BUDGET / 2)) - 10;
  while (rest.length > 0 && pieces.length < 2) {
    const piece = truncateAtWord(rest, per);
    const taken = piece.endsWith('…') ? piece.length - 1 : piece.length;
    pieces.push(piece);
    rest = rest.slice(taken).trimStart();
  }
  return pieces.map((description, i) => ({
    title: i === 0 ? truncateAtWord(escapeDiscord(formatCitation(result.rank, result.chunk)), EMBED_TITLE_MAX) : undefined,
    description,
    color: COLOUR,
    footer: i === pieces.length - 1 ? { text: rest.length > 0 ? 'Passage continues in the source file (too long for one message).' : `${result.chunk.file} · characters ${result.chunk.charStart}–${result.chunk.charEnd}` } : undefined,
  }));
}
