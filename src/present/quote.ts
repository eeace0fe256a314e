import { isFurnitureLine } from '../ingest/boilerplate.ts';
import { splitSentences } from '../lib/text.ts';
import { cueStrength, LIST_ITEM } from '../retrieve/sentence-cues.ts';
import type { QuestionIntent, SearchResult, Span, WeightedTerm } from '../types.ts';

/** A verbatim excerpt of a passage: `text === chunk.text.slice(start, end)`. */
export interface Quote {
  text: string;
  /** Offsets in the chunk text. */
  start: number;
  end: number;
  /** Offsets in the source document (chunk.charStart + start …), for checking against the file. */
  charStart: number;
  charEnd: number;
  /** Words to emphasise, as spans into `text`. */
  emphasis: Span[];
  /**
   * The quoted sentences as spans into the chunk text, in order (the last may be cut at a word
   * boundary). A "Full passage" view bolds these to show where the quote sits.
   */
  sentences: Span[];
}

/** What quote choice reads from the question; an `Answer` is one. */
export interface QuoteQuery {
  /** Analyzed query terms weighted by rarity. */
  terms: readonly WeightedTerm[];
  intents: readonly QuestionIntent[];
}

/** Quotes shorter than this are extended with the following sentence when it fits. */
const MIN_QUOTE_CHARS = 140;
/** A window with a sentence carrying the asked kind of answer earns this share of the question's weight. */
const CUE_SHARE = 0.3;
/** A sentence with neither a query term nor a cue costs this share. */
const IDLE_SHARE = 0.15;
/** Terms the passage's heading already shows, and a named passage's instrument, count this much in its quote. */
const HEADING_DISCOUNT = 0.03;
/** Every 100 characters of quote cost this share: at a glance, shorter is better. */
const LENGTH_SHARE = 0.02;
/** Each further sentence with a cue in one window earns this share of that bonus. */
const FURTHER_CUE_SHARE = 0.15;
/** A sentence opening like this leans on the one before it, which is pulled in when it fits. */
const LEANS_BACK = /^(?:therefore|thus|hence|consequently|as a result|for this reason|this|these|such|it|they)\b/i;

const WORD = /[\p{L}\p{N}]+(?:[./-][\p{L}\p{N}]+)*/gu;

/**
 * Picks the run of consecutive sentences that best answers the question, within `maxChars`.
 * A window scores the rarity-weighted query terms it covers (each once; terms the section
 * heading already names count less, since the citation shows them), plus a bonus per sentence
 * that carries the kind of answer asked for (an obligation, a target, a date, a number, an
 * agency), minus a cost per sentence that carries neither; ties go to the shorter, then the
 * earlier window. A sentence ending with ":" pulls in the list items that follow it while
 * they fit, and a list item pulls in the sentence introducing its list. Consecutive sentences
 * only, so the quote stays verbatim; a single sentence longer than `maxChars` is cut at a
 * word boundary (the caller marks the cut with an ellipsis).
 *
 * Without `query`, every term in `result.matchedTerms` weighs 1 and no intent is read.
 */
export function selectQuote(
  result: SearchResult,
  analyze: (text: string) => string[],
  maxChars: number,
  query?: QuoteQuery,
): Quote {
  const { chunk } = result;
  const weights = _termWeights(result, analyze, query);
  const sentences = splitSentences(chunk.text);
  const termsOf = _sentenceAnalyzer(analyze, weights);
  if (sentences.length === 0) return _makeQuote(result, 0, 0, [], termsOf);
  const intents = query?.intents ?? [];
  const total = [...weights.values()].reduce((sum, w) => sum + w, 0) || 1;
  const info = sentences.map((s) => {
    const text = chunk.text.slice(s.start, s.end);
    // A caption or banner line answers nothing, whatever words it shares with the question.
    if (isFurnitureLine(text)) return { terms: new Set<string>(), bonus: 0, idle: true };
    const terms = termsOf(text);
    const cue = cueStrength(text, intents);
    return { terms, bonus: cue * CUE_SHARE * total, idle: terms.size === 0 && cue === 0 };
  });
  // Within the passage, a term in every sentence is its topic, not what sets one sentence apart.
  const inSentences = new Map<string, number>();
  for (const { terms } of info) for (const t of terms) inSentences.set(t, (inSentences.get(t) ?? 0) + 1);
  const spread = Math.log(1 + sentences.length);
  const local = (t: string) =>
    ((weights.get(t) ?? 0) * Math.log(1 + sentences.length / (inSentences.get(t) ?? 1))) / spread;

  let best = { first: 0, last: 0, score: -Infinity, length: Infinity };
  for (let i = 0; i < sentences.length; i++) {
    const covered = new Set<string>();
    let score = 0;
    let bestCue = 0;
    for (let j = i; j < sentences.length; j++) {
      const length = (sentences[j] as Span).end - (sentences[i] as Span).start;
      if (j > i && length > maxChars) break;
      const s = info[j] as (typeof info)[number];
      for (const t of s.terms) {
        if (!covered.has(t)) score += local(t);
        covered.add(t);
      }
      // The best cue counts fully, further ones a little: a run of cue sentences must not
      // outweigh the sentence that holds the question's words.
      if (s.bonus > bestCue) {
        score += s.bonus - bestCue + bestCue * FURTHER_CUE_SHARE;
        bestCue = s.bonus;
      } else if (s.bonus > 0) score += s.bonus * FURTHER_CUE_SHARE;
      if (s.idle) score -= IDLE_SHARE * total;
      const net = score - (LENGTH_SHARE * total * length) / 100;
      if (net > best.score + 1e-9 || (Math.abs(net - best.score) <= 1e-9 && length < best.length)) {
        best = { first: i, last: j, score: net, length };
      }
    }
  }
  // Nothing in the passage speaks to the question (no shared word, no cue): show its lead.
  if (best.score <= 0) {
    const lead = info.findIndex(
      (s, i) =>
        !isFurnitureLine(chunk.text.slice((sentences[i] as Span).start, (sentences[i] as Span).end)) || s.bonus > 0,
    );
    best = { first: Math.max(0, lead), last: Math.max(0, lead), score: 0, length: 0 };
  }
  const window = _growWindow(chunk.text, sentences, best, maxChars);
  const start = (sentences[window.first] as Span).start;
  let end = (sentences[window.last] as Span).end;
  if (end - start > maxChars) end = _cutAtWord(chunk.text, start, start + maxChars);
  const chosen = sentences
    .slice(window.first, window.last + 1)
    .map((s) => ({ start: s.start, end: Math.min(s.end, end) }));
  return _makeQuote(
    result,
    start,
    end,
    chosen.filter((s) => s.end > s.start),
    termsOf,
  );
}

/**
 * The query terms in a sentence, analyzing each distinct word once (words repeat across the
 * sentences of ten passages), and the whole sentence only when it may name an instrument.
 */
function _sentenceAnalyzer(
  analyze: (text: string) => string[],
  weights: Map<string, number>,
): (text: string) => Set<string> {
  const words = new Map<string, string[]>();
  const wantsInstruments = [...weights.keys()].some((t) => t.startsWith('§'));
  return (text) => {
    const found = new Set<string>();
    for (const m of text.matchAll(WORD)) {
      let terms = words.get(m[0]);
      if (!terms) {
        terms = analyze(m[0]).filter((t) => weights.has(t));
        words.set(m[0], terms);
      }
      for (const t of terms) found.add(t);
    }
    if (wantsInstruments && /\d/.test(text))
      for (const t of analyze(text)) if (t.startsWith('§') && weights.has(t)) found.add(t);
    return found;
  };
}

/** Query terms and their weights for this passage (heading terms discounted). */
function _termWeights(
  result: SearchResult,
  analyze: (text: string) => string[],
  query?: QuoteQuery,
): Map<string, number> {
  if (!query) return new Map(result.matchedTerms.map((t) => [t, 1]));
  const shown = new Set(analyze([result.chunk.title, ...result.chunk.section].join('\n')));
  if (result.relation === 'named')
    for (const id of result.chunk.identifiers) for (const t of analyze(id.label)) shown.add(t);
  return new Map(query.terms.map(({ term, weight }) => [term, shown.has(term) ? weight * HEADING_DISCOUNT : weight]));
}

interface Window {
  first: number;
  last: number;
}

/** Applies the list rules and the minimum length to the chosen window, within `maxChars`. */
function _growWindow(text: string, sentences: Span[], chosen: Window, maxChars: number): Window {
  const w = { first: chosen.first, last: chosen.last };
  const fits = (first: number, last: number) =>
    (sentences[last] as Span).end - (sentences[first] as Span).start <= maxChars;
  const sentence = (i: number) => text.slice((sentences[i] as Span).start, (sentences[i] as Span).end);
  // "Therefore, …" needs the sentence it follows from.
  if (w.first > 0 && LEANS_BACK.test(sentence(w.first)) && fits(w.first - 1, w.last)) w.first--;
  // A list item without its introduction reads as a fragment.
  if (
    LIST_ITEM.test(sentence(w.first)) &&
    w.first > 0 &&
    sentence(w.first - 1).endsWith(':') &&
    fits(w.first - 1, w.last)
  )
    w.first--;
  // "… three key goals:" is only an answer with the goals.
  if (sentence(w.last).endsWith(':')) {
    // Make room for the list by dropping leading sentences, down to the introduction itself.
    const next = w.last + 1;
    if (next < sentences.length && LIST_ITEM.test(sentence(next)))
      while (w.first < w.last && !fits(w.first, next)) w.first++;
    while (w.last + 1 < sentences.length && LIST_ITEM.test(sentence(w.last + 1)) && fits(w.first, w.last + 1)) w.last++;
  }
  // A lone short sentence reads as a fragment: grow it forward while it stays within budget.
  while (
    w.last + 1 < sentences.length &&
    (sentences[w.last] as Span).end - (sentences[w.first] as Span).start < MIN_QUOTE_CHARS
  ) {
    if (!fits(w.first, w.last + 1)) break;
    w.last++;
  }
  return w;
}

function _makeQuote(
  result: SearchResult,
  start: number,
  end: number,
  sentences: Span[],
  termsOf: (text: string) => Set<string>,
): Quote {
  const text = result.chunk.text.slice(start, end);
  const emphasis: Span[] = [];
  for (const m of text.matchAll(WORD)) {
    if (termsOf(m[0]).size > 0) emphasis.push({ start: m.index, end: m.index + m[0].length });
  }
  const { charStart } = result.chunk;
  return { text, start, end, charStart: charStart + start, charEnd: charStart + end, emphasis, sentences };
}

/** The last word boundary at or before `limit` (never inside a word), but past `start`. */
function _cutAtWord(text: string, start: number, limit: number): number {
  for (let i = limit; i > start; i--) {
    if (/\s/.test(text[i] ?? '')) return i;
  }
  return limit;
}
