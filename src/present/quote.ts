import { CONTENT_INTENTS, cueStrength } from '../retrieve/sentence-cues.ts';
import type { Identifier, QuestionIntent, SearchResult, Span, WeightedTerm } from '../types.ts';
import { type PassageProfile, profilePassage, type SentenceProfile } from './passage-profile.ts';
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
/** Terms the passage's heading already shows count this much in its quote. */
const HEADING_DISCOUNT = 0.03;
/** A sentence holding this share of the heading's terms restates it. */
const ECHO_SHARE = 0.6;

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
  const weights = _termWeights(result, profile, terms, query);
  if (sentences.length === 0) return _makeQuote(result, 0, 0, [], terms, weights);
  const intents = query?.intents ?? [];
  const contentIntents = intents.filter((intent) => CONTENT_INTENTS.has(intent));
  const model = query?.sentenceScores?.get(result.chunk.id);
  const echo = _headingEcho(result, terms, weights);
  const found = sentences.map((s, i) =>
    s.furniture ? new Set<string>() : _sentenceTerms(i, profile, terms, weights, echo),
  );
  const present = new Set(found.flatMap((s) => [...s]));
  // The unit of every bonus: the question's weight this passage can cover. A question word no
  // passage contains (a typo, another language) must not dwarf what the passage does hold.
  const total = [...present].reduce((sum, t) => sum + (weights.get(t) ?? 0), 0) || 1;
  const values = sentences.map((s, i): SentenceValue => {
    const held = found[i] as Set<string>;
    // A caption or banner line answers nothing, whatever words it shares with the question.
    const cue = s.furniture ? 0 : cueStrength(s.cueText, intents);
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
  const required = _namingSentences(result, profile, query);
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
  return _makeQuote(result, start, end, chosen, terms, weights);
}

/** The query terms a sentence holds: its words', its abbreviations' and its instruments'. */
function _sentenceTerms(
  index: number,
  profile: PassageProfile,
  terms: (text: string) => readonly string[],
  weights: ReadonlyMap<string, number>,
  echo: HeadingEcho,
): Set<string> {
  const held = new Set<string>();
  const sentence = profile.sentences[index] as SentenceProfile;
  let echoed = 0;
  const add = (word: string) => {
    for (const t of terms(word)) {
      if (weights.has(t)) held.add(t);
      if (echo.terms.has(t)) echoed++;
    }
  };
  for (const word of sentence.words) {
    add(word);
    for (const w of profile.aliases.get(word) ?? []) add(w);
  }
  // A sentence that restates the heading ("… approved “Decision 89/QD-TTg-National Strategy …
  // toward 2045”") holds the heading's numbers only by quoting it.
  if (echoed >= echo.needed) for (const t of echo.pinned) held.delete(t);
  for (const term of weights.keys()) if (term.startsWith('§') && profile.names(index, term.slice(1))) held.add(term);
  return held;
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
  return _weightOf(held, weights) >= WORDS_SHARE * total ? FURTHER_WORDS_SHARE : 0;
}

function _weightOf(terms: ReadonlySet<string>, weights: ReadonlyMap<string, number>): number {
  let sum = 0;
  for (const t of terms) sum += weights.get(t) ?? 0;
  return sum;
}

/** The heading's terms, how many of them make a sentence a restatement of it, and the question's numbers it shows. */
interface HeadingEcho {
  terms: ReadonlySet<string>;
  needed: number;
  pinned: readonly string[];
}

function _headingEcho(
  result: SearchResult,
  terms: (text: string) => readonly string[],
  weights: ReadonlyMap<string, number>,
): HeadingEcho {
  const heading = new Set(terms(result.chunk.section.at(-1) ?? result.chunk.title));
  const pinned = [...weights.keys()].filter((t) => heading.has(t) && /^\d+$/.test(t));
  return { terms: heading, needed: Math.max(3, Math.ceil(heading.size * ECHO_SHARE)), pinned };
}

/**
 * In an answer comparing instruments, the sentences of this passage that name one the
 * question names and the passage is about (empty otherwise, or when no sentence names it).
 */
function _namingSentences(result: SearchResult, profile: PassageProfile, query?: QuoteQuery): Set<number> {
  const named = new Set<number>();
  if ((query?.identifiers?.length ?? 0) < 2 || result.matchedIdentifiers.length === 0) return named;
  const keys = new Set(result.matchedIdentifiers);
  profile.sentences.forEach((s, i) => {
    if (!s.furniture && [...keys].some((key) => profile.names(i, key))) named.add(i);
  });
  return named;
}

/**
 * Query terms and their weights for this passage. Terms the heading shows are discounted,
 * except a number the question asks about that is not an instrument's ("by 2045" under a
 * heading "… with a vision toward 2045": the sentence stating the year answers).
 */
function _termWeights(
  result: SearchResult,
  profile: PassageProfile,
  terms: (text: string) => readonly string[],
  query?: QuoteQuery,
): Map<string, number> {
  if (!query) return new Map(result.matchedTerms.map((t) => [t, 1]));
  const shown = new Set(terms(profile.heading));
  const instrumentNumbers = new Set(
    (query.identifiers ?? []).flatMap((id) => [id.number, ...(id.year ? [String(id.year)] : [])]),
  );
  const pinned = (term: string) => /^\d+$/.test(term) && !instrumentNumbers.has(term.replace(/^0+(?=\d)/, ''));
  return new Map(
    query.terms.map(({ term, weight }) => [
      term,
      shown.has(term) && !pinned(term) ? weight * HEADING_DISCOUNT : weight,
    ]),
  );
}

function _makeQuote(
  result: SearchResult,
  start: number,
  end: number,
  sentences: Span[],
  terms: (text: string) => readonly string[],
  weights: ReadonlyMap<string, number>,
): Quote {
  const text = result.chunk.text.slice(start, end);
  const emphasis: Span[] = [];
  for (const m of text.matchAll(WORD)) {
    if (terms(m[0]).some((t) => weights.has(t))) emphasis.push({ start: m.index, end: m.index + m[0].length });
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
