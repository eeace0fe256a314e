import { CONTENT_INTENTS, cueStrength } from '../lib/sentence-cues.ts';
import type { Identifier, QuestionIntent, SearchResult, Span, WeightedTerm } from '../types.ts';
import { exactSpellings, spelledAsAsked } from './exact-spellings.ts';
import { profilePassage, type SentenceProfile } from './passage-profile.ts';
import { headingEcho, namingSentences, sentenceTerms, termWeights, weightOf } from './quote-terms.ts';
import { chooseWindow, growWindow, type SentenceValue } from './quote-window.ts';
import { type Analyze, memoized } from './term-memo.ts';

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
  /** The question as typed: a word typed with diacritics marks only words spelt the same way. */
  query?: string;
  /** The instruments the question names: with two or more, each passage quotes the sentence naming its own. */
  identifiers?: readonly Identifier[];
  /**
   * Optional model scores per sentence of a passage (see quote-layers.ts), keyed by chunk id,
   * one score in [0, 1] per sentence of its profile: similarity to the question.
   */
  sentenceScores?: ReadonlyMap<string, readonly number[]>;
}

/** A window with a sentence carrying the asked kind of answer earns this share of the question's weight. */
const CUE_SHARE = 0.3;
/**
 * A further cue in a window earns this share of its bonus. The rules, goals and list items a
 * question about obligations or targets asks for are the answer, each of them: the most. A
 * sentence whose question words weigh at least `WORDS_SHARE` of the question: a little. A date,
 * a number or an agency alone beside the answer is padding ("In 2015, MIC enacted …"): nothing.
 */
const FURTHER_CONTENT_SHARE = 0.15;
const FURTHER_WORDS_SHARE = 0.05;
const WORDS_SHARE = 0.15;
/** The sentence a model layer likes best earns up to this share. */
const MODEL_SHARE = 0.25;
const WORD = /[\p{L}\p{N}]+(?:[./-][\p{L}\p{N}]+)*/gu;

/**
 * Picks the run of consecutive sentences that best answers the question, within `maxChars`.
 * A window scores the rarity-weighted query terms it covers (terms the title or section
 * heading already shows count little, since the citation shows them; an abbreviation the
 * passage defines counts as the words it stands for), plus a bonus for carrying the kind of
 * answer asked for (an obligation, a target, a date, a number, an agency), plus an optional
 * model layer's bonus, minus costs for idle sentences and length (see quote-window.ts). When
 * the question names several instruments, a passage naming one of them quotes a sentence that
 * names it. List and "Therefore" rules then grow the window. The quote is always a verbatim
 * slice; a single sentence longer than `maxChars` is cut at a word boundary (the caller marks
 * the cut with an ellipsis). Nothing matching: the passage's lead.
 *
 * Without `query`, every term in `result.matchedTerms` weighs 1 and no intent is read.
 */
export function selectQuote(result: SearchResult, analyze: Analyze, maxChars: number, query?: QuoteQuery): Quote {
  const profile = profilePassage(result.chunk);
  const { sentences } = profile;
  const terms = memoized(analyze);
  const weights = termWeights(result, profile, terms, query);
  if (sentences.length === 0) return _makeQuote(result, 0, 0, [], terms, weights, query?.query);
  const intents = query?.intents ?? [];
  const contentIntents = intents.filter((intent) => CONTENT_INTENTS.has(intent));
  const model = query?.sentenceScores?.get(result.chunk.id);
  const echo = headingEcho(result, terms, weights);
  const found = sentences.map((s, i) =>
    s.furniture ? new Set<string>() : sentenceTerms(i, profile, terms, weights, echo),
  );
  const present = new Set(found.flatMap((s) => [...s]));
  // The unit of every bonus: the question's weight this passage can cover. A question word no
  // passage contains (a typo, another language) must not dwarf what the passage does hold.
  const total = [...present].reduce((sum, t) => sum + (weights.get(t) ?? 0), 0) || 1;
  const notCounts = intents.includes('number') ? _notCounts(profile.heading) : undefined;
  const values = sentences.map((s, i): SentenceValue => {
    const held = found[i] as Set<string>;
    // A caption or banner line answers nothing, whatever words it shares with the question.
    const cue = s.furniture ? 0 : _allKinds(s.cueText, intents, notCounts);
    const score = s.furniture ? 0 : (model?.[i] ?? 0);
    return {
      terms: held,
      cue: cue * CUE_SHARE * total,
      model: score * MODEL_SHARE * total,
      idle: held.size === 0 && cue === 0,
      further: cue * CUE_SHARE * total * _furtherShare(s, held, weights, total, contentIntents),
    };
  });
  // Within the passage, a term in every sentence is its topic, not what sets one sentence apart.
  const inSentences = new Map<string, number>();
  for (const held of found) for (const t of held) inSentences.set(t, (inSentences.get(t) ?? 0) + 1);
  const spread = Math.log(1 + sentences.length);
  const weight = (t: string) =>
    ((weights.get(t) ?? 0) * Math.log(1 + sentences.length / (inSentences.get(t) ?? 1))) / spread;
  const required = namingSentences(result, profile, query);
  let best = chooseWindow(sentences, values, { total, maxChars, weight, required });
  // Nothing in the passage speaks to the question (no shared word, no cue): show its lead.
  if (best.score <= 0 && !required.size) {
    const lead = Math.max(
      0,
      sentences.findIndex((s, i) => !s.furniture || (values[i] as SentenceValue).cue > 0),
    );
    best = { first: lead, last: lead, score: 0 };
  }
  const window = growWindow(sentences, best, maxChars);
  const start = (sentences[window.first] as Span).start;
  let end = (sentences[window.last] as Span).end;
  if (end - start > maxChars) end = _cutAtWord(result.chunk.text, start, start + maxChars);
  const chosen = sentences
    .slice(window.first, window.last + 1)
    .map((s) => ({ start: s.start, end: Math.min(s.end, end) }))
    .filter((s) => s.end > s.start);
  return _makeQuote(result, start, end, chosen, terms, weights, query?.query);
}

/**
 * How much of what the question asks for a sentence carries: the mean of its strength for each
 * kind of content or attribute asked ("yêu cầu tốc độ mạng bao nhiêu": a requirement and a
 * number; "must … 4Mbps" carries both, "must be conducted … by licensed …" one). A list is a
 * form, not a content: it is not averaged in, and a list the sentence gives counts as before.
 */
function _allKinds(cueText: string, intents: readonly QuestionIntent[], notCounts?: RegExp): number {
  const kinds = intents.filter((intent) => intent !== 'list');
  const strength = (kind: QuestionIntent) =>
    kind === 'number' && notCounts
      ? cueStrength(cueText.replace(notCounts, ' '), [kind])
      : cueStrength(cueText, [kind]);
  if (kinds.length <= 1 && !notCounts) return cueStrength(cueText, intents);
  let sum = 0;
  for (const kind of kinds) sum += strength(kind);
  const list = kinds.length < intents.length ? cueStrength(cueText, ['list']) : 0;
  return Math.max(sum / Math.max(1, kinds.length), list);
}

/**
 * Numbers that are not the count or amount a "how many" / "bao nhiêu" question asks for: years
 * (a date) and the numbers the passage's headings show (the instrument's own: "Circular No. 49,
 * 2017"). "At the end of December 2017, … issued “Circular No. 49, 2017 …”" carries no count;
 * "The regulation consists of 14 articles" does.
 */
function _notCounts(heading: string): RegExp {
  const shown = [...new Set(heading.match(/\d+/g) ?? [])].sort((a, b) => b.length - a.length);
  return new RegExp(`(?<![\\d.,])(?:(?:19|20)\\d\\d${shown.map((n) => `|${n}`).join('')})(?![\\d.,]?\\d)`, 'g');
}

/** The share of its cue bonus a sentence adds to a window that already has a better cue (see FURTHER_*). */
function _furtherShare(
  sentence: SentenceProfile,
  held: ReadonlySet<string>,
  weights: ReadonlyMap<string, number>,
  total: number,
  contentIntents: readonly QuestionIntent[],
): number {
  if (sentence.listItem || sentence.opensList) return FURTHER_CONTENT_SHARE;
  if (contentIntents.length > 0 && cueStrength(sentence.cueText, contentIntents) > 0) return FURTHER_CONTENT_SHARE;
  return weightOf(held, weights) >= WORDS_SHARE * total ? FURTHER_WORDS_SHARE : 0;
}

function _makeQuote(
  result: SearchResult,
  start: number,
  end: number,
  sentences: Span[],
  terms: (text: string) => readonly string[],
  weights: ReadonlyMap<string, number>,
  question: string | undefined,
): Quote {
  const text = result.chunk.text.slice(start, end);
  const emphasis: Span[] = [];
  const spellings = exactSpellings(question);
  for (const m of text.matchAll(WORD)) {
    if (terms(m[0]).some((t) => weights.has(t)) && spelledAsAsked(m[0], spellings)) {
      emphasis.push({ start: m.index, end: m.index + m[0].length });
    }
  }
  const { charStart } = result.chunk;
  return { text, start, end, charStart: charStart + start, charEnd: charStart + end, emphasis, sentences };
}

/**
 * The last white space at or before `limit` (never inside a word), past `start`; with none, the
 * limit itself, stepped back off the middle of a surrogate pair so the slice stays well formed.
 */
function _cutAtWord(text: string, start: number, limit: number): number {
  for (let i = limit; i > start; i--) {
    if (/\s/.test(text[i] ?? '')) return i;
  }
  const code = text.charCodeAt(limit - 1);
  return code >= 0xd800 && code <= 0xdbff && limit - 1 > start ? limit - 1 : limit;
}
