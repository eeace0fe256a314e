import { cueStrength } from '../lib/sentence-cues.ts';
import type { LexicalSearcher, QueryTerm } from '../store/types.ts';
import type { QuestionIntent } from '../types.ts';
import { type CueWeights, instrumentTerms, withoutNamed } from './cue-headings.ts';
import { type PassageCues, passageCues } from './cue-sentences.ts';
import { termIdsOf } from './passage-terms.ts';
import { detectIntents, intentWording } from './question-intent.ts';

/**
 * A passage's answer-cue bonus, as a share of the best score (at most `answerCueWeight` +
 * `deadlineWeight`):
 * - `answerCueWeight` × the best, over its sentences that carry the kind of answer asked for
 *   (a target date for "deadline", a date for "when", a percentage or "by 20xx" for targets,
 *   "must" / "shall" for requirements, a number for "how many", an agency for "who"; see
 *   lib/sentence-cues.ts), of the cue's strength times the cube of the share of the query's
 *   weight (idf × count) the sentence's words cover (COVERAGE_POWER): a sentence that carries
 *   the answer and holds the whole question ("Before 2030, Vietnam also aims to have a digital
 *   payment system for healthcare expenses" for "When does Vietnam want a digital payment system
 *   for healthcare?") earns it all, one holding half the question an eighth: dates, numbers and
 *   agencies are in most sentences, the question's words together in few;
 * - for a deadline question, `deadlineWeight` × the best share of the question's topic (its
 *   weight without the words asking for a deadline, which an answer does not repeat) covered
 *   by one sentence that states a date something is to be done by ("By 2028, all healthcare
 *   establishments will have completed the system for electronic medical records"), a share
 *   of the topic the passage holds, or of half the topic if it holds less: BM25F already
 *   scores a passage lower for the topic words it lacks, and an answer often words some of
 *   them otherwise ("hospitals" for "healthcare establishments"), so they are not held against
 *   its sentence a second time; but a passage holding less than half the topic is not mostly
 *   about it, and its dated sentence may be about something else;
 * - for a status question ("Is Circular 46 still current?"), the same for a sentence stating a
 *   status ("… is outdated and no longer fits"), the words asking for it left out of the topic;
 *   for a question asking what stands in the way ("What could block …?"), for a sentence naming
 *   an obstacle ("… could pose barriers to …").
 * A passage's headings count as in quotes (cue-headings.ts): for rules, goals and deadlines the
 * instrument its title or section path names weighs nothing in its sentences, and a sentence
 * restating its section heading is read without the heading's numbers.
 */
export type AnswerCueScore = (doc: number, text: () => string) => number;

/** How much each answer cue may add, as shares of the best score. */
export interface AnswerCueWeights {
  answerCueWeight: number;
  deadlineWeight: number;
}

/**
 * The answer-cue scorer for a question (see {@link AnswerCueScore}), or undefined when its
 * wording asks for no particular kind of answer ("telemedicine rules") or it has no weighted
 * terms: then passages are left as the ranking put them.
 * `terms` are the query's searched term ids and weights (typo corrections included).
 */
export function answerCueScorer(
  lexical: LexicalSearcher,
  question: string,
  terms: readonly QueryTerm[],
  cueWeights: AnswerCueWeights,
): AnswerCueScore | undefined {
  // "Which …s" / "những … nào" asks for a list in wording too loose to move passages: it
  // chooses quotes only.
  const intents: QuestionIntent[] = detectIntents(question).filter((intent) => intent !== 'list');
  if (intents.length === 0) return undefined;
  const weights = new Map<number, number>();
  for (const t of terms) {
    const w = t.count * lexical.idf(lexical.termText(t.id));
    if (w > 0) weights.set(t.id, (weights.get(t.id) ?? 0) + w);
  }
  const total = _sum(weights.values());
  if (total <= 0) return undefined;
  const pinpoint = cueWeights.deadlineWeight > 0 ? PINPOINTED.find((intent) => intents.includes(intent)) : undefined;
  if (cueWeights.answerCueWeight <= 0 && !pinpoint) return undefined;
  const wording = pinpoint
    ? termIdsOf(lexical, lexical.analyzeQuery(intentWording(question, pinpoint)))
    : new Set<number>();
  const topic = new Map([...weights].filter(([id]) => !wording.has(id)));
  const scorer: _Scorer = {
    lexical,
    intents,
    weights,
    total,
    topic,
    topicTotal: pinpoint ? _sum(topic.values()) : 0,
    pinpoint: pinpoint ? [pinpoint] : [],
    instruments: intents.some((intent) => NAMING_ANSWERS_NOT.has(intent))
      ? instrumentTerms(lexical, weights.keys())
      : new Map(),
  };
  return (doc, text) => {
    let read: string | undefined;
    const passage = passageCues(lexical, doc, () => (read ??= text()));
    const weighed = withoutNamed(scorer, scorer.instruments, passage.heading);
    const best = _bestSentences(scorer, weighed, passage);
    let deadline = 0;
    if (weighed.topicGiven) deadline = best.states ? 1 : 0;
    else if (best.deadline > 0) deadline = best.deadline / _judgedOn(weighed, lexical.passageWords(doc).ids);
    return cueWeights.answerCueWeight * best.cue + cueWeights.deadlineWeight * deadline;
  };
}

/**
 * Kinds of answer the instrument a passage's headings name is no part of: its rules, goals and
 * deadlines are stated in sentences about them, which need not name it again (as in quotes).
 */
const NAMING_ANSWERS_NOT: ReadonlySet<QuestionIntent> = new Set(['obligation', 'target', 'deadline']);

interface _Scorer extends CueWeights {
  lexical: LexicalSearcher;
  intents: readonly QuestionIntent[];
  /** The kind of sentence that earns the topic bonus: a deadline or a status (or none). */
  pinpoint: readonly QuestionIntent[];
  /** The terms of each instrument the question names, for a question asking for rules, goals or deadlines. */
  instruments: ReadonlyMap<number, readonly number[]>;
}

/** How sharply the answer-cue bonus falls as a sentence holds less of the question (see {@link AnswerCueScore}). */
const COVERAGE_POWER = 3;

/**
 * Kinds of answer one sentence states outright, for the topic the question names: a date
 * something is to be done by, an instrument's status ("is outdated", "has been in effect since
 * …"), an obstacle ("could pose barriers to …"). The first the question asks for earns the topic bonus.
 */
const PINPOINTED: readonly QuestionIntent[] = ['deadline', 'status', 'obstacle'];

/**
 * The best cue share over a passage's sentences, the largest topic weight one sentence
 * stating a deadline covers (0 when none does or the question asks for no deadline), and
 * whether one states it. A question whose every weighted word the passage's headings make
 * given (only the instrument's) is wholly held by each sentence. A sentence restating the
 * section heading is read without the heading's numbers (cue-headings.ts).
 */
function _bestSentences(
  s: _Scorer,
  w: CueWeights,
  passage: PassageCues,
): { cue: number; deadline: number; states: boolean } {
  let cue = 0;
  let deadline = 0;
  let stated = false;
  for (let i = 0; i < passage.count; i++) {
    let strength = passage.strength(i, s.intents);
    const open = w.topicGiven ? !stated : w.topicTotal > 0 && deadline < w.topicTotal;
    let states = open && passage.strength(i, s.pinpoint) > 0;
    // Only a sentence with a cue can beat the best so far: its coverage is at most 1.
    if (strength <= cue && !states) continue;
    const ids = passage.termIds(i);
    // A sentence restating the heading holds its numbers only by quoting it.
    const echoed = passage.heading().echoes(ids) ? passage.heading().numbers : undefined;
    if (echoed) {
      const own = passage.heading().withoutNumbers(passage.cueText(i));
      if (strength > 0) strength = cueStrength(own, s.intents);
      if (states) states = cueStrength(own, s.pinpoint) > 0;
      if (strength <= cue && !states) continue;
    }
    let covered = 0;
    let topical = 0;
    for (const id of ids) {
      if (echoed?.has(id)) continue;
      covered += w.weights.get(id) ?? 0;
      topical += w.topic.get(id) ?? 0;
    }
    cue = Math.max(cue, strength * (w.total > 0 ? covered / w.total : 1) ** COVERAGE_POWER);
    if (states) {
      deadline = Math.max(deadline, topical);
      stated = true;
    }
  }
  return { cue, deadline, states: stated };
}

/**
 * The topic weight a dated sentence is judged against: what the passage holds of the topic
 * (each word counted once), but never less than half of it. An answer may word part of the
 * topic otherwise, yet a passage holding less than half the topic's weight is not mostly about
 * the question, and the date of a sentence sharing one of its words ("By 2027, the medical
 * archive will be moved") may be about something else: then the words it lacks count too.
 * A sentence holds only words of its passage, so the share is at most 1.
 */
function _judgedOn(s: CueWeights, words: Uint32Array): number {
  const seen = new Set<number>();
  let held = 0;
  for (const id of words) {
    const weight = s.topic.get(id);
    if (weight === undefined || seen.has(id)) continue;
    seen.add(id);
    held += weight;
  }
  return Math.max(held, s.topicTotal / 2);
}

function _sum(values: Iterable<number>): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum;
}
