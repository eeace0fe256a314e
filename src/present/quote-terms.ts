/** How quote choice reads the question's words in a passage: their weights there, and which sentences hold them. */

import type { QuestionIntent, SearchResult } from '../types.ts';
import type { PassageProfile, SentenceProfile } from './passage-profile.ts';
import type { QuoteQuery } from './quote.ts';

/**
 * Kinds of answer a sentence naming the instrument does not give: its rules, goals, lists and
 * deadlines are stated elsewhere, while when and by whom it was issued are said in the
 * sentence that names it ("In February 2024, the Prime Minister approved “Decision 89 …”").
 */
const NAMING_ANSWERS_NOT: ReadonlySet<QuestionIntent> = new Set(['obligation', 'target', 'list', 'deadline']);
/** Terms the passage's heading already shows count this much in its quote. */
const HEADING_DISCOUNT = 0.03;
/** A sentence holding this share of the heading's terms restates it. */
const ECHO_SHARE = 0.6;

/** The query terms a sentence holds: its words', its abbreviations' and its instruments'. */
export function sentenceTerms(
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

export function weightOf(terms: ReadonlySet<string>, weights: ReadonlyMap<string, number>): number {
  let sum = 0;
  for (const t of terms) sum += weights.get(t) ?? 0;
  return sum;
}

/** The heading's terms, how many of them make a sentence a restatement of it, and the question's numbers it shows. */
export interface HeadingEcho {
  terms: ReadonlySet<string>;
  needed: number;
  pinned: readonly string[];
}

export function headingEcho(
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
export function namingSentences(result: SearchResult, profile: PassageProfile, query?: QuoteQuery): Set<number> {
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
 * heading "… with a vision toward 2045": the sentence stating the year answers). When the
 * question asks for rules, goals, a list or a deadline ("What does Circular 49 require?"), the
 * instrument the heading already names weighs nothing: the sentence saying who issued it does
 * not answer, the one carrying the kind of answer asked for does.
 */
export function termWeights(
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
  const isNumber = (term: string) => /^\d+$/.test(term) && instrumentNumbers.has(term.replace(/^0+(?=\d)/, ''));
  // "Circular", "49", "2017" of "Circular 49/2017/TT-BYT": the words that name it.
  const naming = new Set((query.identifiers ?? []).flatMap((id) => terms(id.label)));
  const instrument = (term: string) => term.startsWith('§') || isNumber(term) || naming.has(term);
  const pinned = (term: string) => /^\d+$/.test(term) && !isNumber(term);
  const content = query.intents.some((intent) => NAMING_ANSWERS_NOT.has(intent));
  const discount = (term: string) => (content && instrument(term) ? 0 : HEADING_DISCOUNT);
  return new Map(
    query.terms.map(({ term, weight }) => [term, shown.has(term) && !pinned(term) ? weight * discount(term) : weight]),
  );
}
