import { IDENTIFIER_TERM_PREFIX } from '../store/lexical/analyzer-options.ts';
import { LEXICAL_FIELDS } from '../store/lexical/lexical-options.ts';
import type { LexicalSearcher } from '../store/types.ts';

/**
 * What a passage's headings (its document title and section path) tell the answer cues
 * (answer-cues.ts) about its sentences, as quote choice reads them (present/quote-terms.ts):
 * - the instruments they name: the passage is about them, so for a question asking for rules,
 *   goals or deadlines their words weigh nothing in its sentences (every sentence of "Decision
 *   5316 …" is about Decision 5316; the one stating a target answers "Mục tiêu năm 2030 của
 *   Quyết định 5316 là gì?", not the one naming it);
 * - a sentence that restates the section heading ("… approved “Decision 5316/QD-BYT -
 *   Approving Medical Digitalization until 2025 with an Orientation to 2030.”") holds the
 *   heading's numbers only by quoting it: "until 2025" there is the heading's, not a target the
 *   sentence states.
 */
export interface CueHeading {
  /** Whether the title or section path names the instrument with identifier term id `id` (`§decision:5316`). */
  names(id: number): boolean;
  /** The section heading's numbers (term ids). */
  numbers: ReadonlySet<number>;
  /** Whether a sentence with these word ids restates the section heading and holds one of its numbers. */
  echoes(sentence: Uint32Array): boolean;
  /** `cueText` without the section heading's numbers. */
  withoutNumbers(cueText: string): string;
}

/** A sentence holding this share of the section heading's words (and at least ECHO_MIN) restates it, as in quotes. */
const ECHO_SHARE = 0.6;
const ECHO_MIN = 3;
const TITLE = LEXICAL_FIELDS.indexOf('title');
const SECTION = LEXICAL_FIELDS.indexOf('section');

/** Passage `doc`'s headings as the answer cues read them, from the index's stored term lists (no text is read). */
export function cueHeading(lexical: LexicalSearcher, doc: number): CueHeading {
  const terms = lexical.passageTerms(doc);
  // Title and section path with identifier terms: the instruments they name.
  const named = new Set(terms.ids.subarray(0, terms.ends[SECTION]).filter((id) => _isIdentifier(lexical, id)));
  const words = lexical.passageWords(doc);
  // The section path: a title may be the text's own first line (a file without a heading).
  const heading = new Set(words.ids.subarray(words.ends[TITLE] ?? 0, words.ends[SECTION]));
  const numbers = new Set([...heading].filter((id) => /^\d+$/.test(lexical.termText(id))));
  const needed = Math.max(ECHO_MIN, Math.ceil(heading.size * ECHO_SHARE));
  let digits: RegExp | undefined;
  return {
    names: (id) => named.has(id),
    numbers,
    echoes(sentence) {
      if (numbers.size === 0) return false;
      let shown = 0;
      let number = false;
      for (const id of sentence) {
        if (!heading.has(id)) continue;
        shown++;
        number ||= numbers.has(id);
      }
      return number && shown >= needed;
    },
    withoutNumbers(cueText) {
      digits ??= new RegExp(`(?<!\\d)(?:${[...numbers].map((id) => lexical.termText(id)).join('|')})(?!\\d)`, 'g');
      return cueText.replace(digits, ' ');
    },
  };
}

/** A question's term weights as the answer cues read them: all of them, and its topic's (answer-cues.ts). */
export interface CueWeights {
  weights: ReadonlyMap<number, number>;
  total: number;
  topic: ReadonlyMap<number, number>;
  /** 0: no deadline or status bonus. */
  topicTotal: number;
  /** The passage's headings leave none of the topic to hold: a sentence stating the answer holds all of it. */
  topicGiven?: boolean;
}

/**
 * The weights for a passage whose headings name some of `instruments` (from
 * {@link instrumentTerms}): those instruments' terms weigh nothing, so a sentence stating a
 * goal of "Decision 5316 …" holds the whole question without naming it again.
 */
export function withoutNamed(
  question: CueWeights,
  instruments: ReadonlyMap<number, readonly number[]>,
  heading: () => CueHeading,
): CueWeights {
  if (instruments.size === 0) return question;
  const given = [...instruments].filter(([id]) => heading().names(id)).flatMap(([, ids]) => ids);
  if (given.length === 0) return question;
  const without = (weights: ReadonlyMap<number, number>) => {
    const out = new Map(weights);
    for (const id of given) out.delete(id);
    return out;
  };
  const weights = without(question.weights);
  const topic = without(question.topic);
  const topicTotal = question.topicTotal > 0 ? _sum(topic.values()) : 0;
  return {
    weights,
    total: _sum(weights.values()),
    topic,
    topicTotal,
    topicGiven: question.topicTotal > 0 && topicTotal === 0,
  };
}

/**
 * The terms of each instrument a question names (`§decision:5316`, its number, its kind word:
 * "decis", "5316"), by the identifier term's id, among the question's weighted terms.
 */
export function instrumentTerms(lexical: LexicalSearcher, weighted: Iterable<number>): Map<number, number[]> {
  const ids = new Set(weighted);
  const out = new Map<number, number[]>();
  for (const id of ids) {
    if (!_isIdentifier(lexical, id)) continue;
    const key = lexical.termText(id).slice(IDENTIFIER_TERM_PREFIX.length);
    const [kind = '', number = ''] = key.split(':');
    const own = [id];
    for (const term of lexical.analyzeWords(`${kind} ${number}`)) {
      const other = lexical.termId(term);
      if (other !== undefined && other !== id && ids.has(other)) own.push(other);
    }
    out.set(id, own);
  }
  return out;
}

function _isIdentifier(lexical: LexicalSearcher, id: number): boolean {
  return lexical.termText(id).startsWith(IDENTIFIER_TERM_PREFIX);
}

function _sum(values: Iterable<number>): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum;
}
