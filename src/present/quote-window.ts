import type { Span } from '../types.ts';
import type { SentenceProfile } from './passage-profile.ts';

/** What one sentence brings to a window, for one question. */
export interface SentenceValue {
  /** Query terms the sentence holds. */
  terms: ReadonlySet<string>;
  /** Bonus for carrying the kind of answer asked for (a cue), in the question's weight units. */
  cue: number;
  /** Bonus from an optional model layer (similarity to the question), same units. */
  model: number;
  /** Neither a query term nor a cue. */
  idle: boolean;
  /**
   * What its cue adds to a window that already has a better one (same units): most for a list
   * item or a list's introduction, a little for a sentence holding the question's words,
   * nothing for a date or a number alone beside the answer ("In 2015, MIC enacted …").
   */
  further: number;
}

/** A run of consecutive sentences, by index. */
export interface Window {
  first: number;
  last: number;
}

export interface WindowCosts {
  /** The question's weight present in the passage: the unit of every bonus and cost. */
  total: number;
  maxChars: number;
  /** Weight of a term in this passage (rarer within the passage weighs more). */
  weight: (term: string) => number;
  /** When set, a window must hold one of these sentences (by index). */
  required?: ReadonlySet<number>;
}

/** A sentence with neither a query term nor a cue costs this share. */
const IDLE_SHARE = 0.15;
/** Every 100 characters of quote cost this share: at a glance, shorter is better. */
const LENGTH_SHARE = 0.02;
/** When a better cue comes, the one before still earns this share of its bonus. */
const FURTHER_CUE_SHARE = 0.15;

/**
 * The best run of consecutive sentences within `maxChars` (a longer single sentence is allowed
 * and cut later): the rarity-weighted query terms it covers (each once), the best cue fully and
 * further cues a little (a run of cue sentences must not outweigh the sentence that holds the
 * question's words), the best model bonus, minus a cost per idle sentence and per length.
 * Ties go to the shorter, then the earlier window. Score ≤ 0 means nothing speaks to the question.
 */
export function chooseWindow(
  spans: readonly Span[],
  values: readonly SentenceValue[],
  costs: WindowCosts,
): Window & { score: number } {
  const { total, maxChars, weight, required } = costs;
  let best = { first: 0, last: 0, score: -Infinity, length: Infinity };
  for (let i = 0; i < spans.length; i++) {
    const covered = new Set<string>();
    let score = 0;
    let bestCue = 0;
    let bestModel = 0;
    let holdsRequired = !required || required.size === 0;
    for (let j = i; j < spans.length; j++) {
      const length = (spans[j] as Span).end - (spans[i] as Span).start;
      if (j > i && length > maxChars) break;
      const s = values[j] as SentenceValue;
      for (const t of s.terms) {
        if (!covered.has(t)) score += weight(t);
        covered.add(t);
      }
      if (s.cue > bestCue) {
        score += s.cue - bestCue + bestCue * FURTHER_CUE_SHARE;
        bestCue = s.cue;
      } else score += s.further;
      if (s.model > bestModel) {
        score += s.model - bestModel;
        bestModel = s.model;
      }
      if (s.idle) score -= IDLE_SHARE * total;
      holdsRequired ||= required?.has(j) ?? false;
      if (!holdsRequired) continue;
      const net = score - (LENGTH_SHARE * total * length) / 100;
      if (net > best.score + 1e-9 || (Math.abs(net - best.score) <= 1e-9 && length < best.length)) {
        best = { first: i, last: j, score: net, length };
      }
    }
  }
  return { first: best.first, last: best.last, score: best.score };
}

/** Quotes shorter than this are extended with the following sentence when it fits. */
const MIN_QUOTE_CHARS = 140;

/**
 * Applies the reading rules to a chosen window, within `maxChars`: "Therefore, …" pulls in the
 * sentence it follows from; a list item pulls in the sentence introducing its list; a sentence
 * ending with ":" pulls in the list items that follow while they fit (dropping leading
 * sentences to make room, down to the introduction itself); a short quote grows forward, within
 * its paragraph (the next one turns to something else).
 */
export function growWindow(sentences: readonly SentenceProfile[], chosen: Window, maxChars: number): Window {
  const w = { first: chosen.first, last: chosen.last };
  const at = (i: number) => sentences[i] as SentenceProfile;
  const fits = (first: number, last: number) => at(last).end - at(first).start <= maxChars;
  if (w.first > 0 && at(w.first).leansBack && fits(w.first - 1, w.last)) w.first--;
  if (at(w.first).listItem && w.first > 0 && at(w.first - 1).opensList && fits(w.first - 1, w.last)) w.first--;
  if (at(w.last).opensList) {
    const next = w.last + 1;
    if (next < sentences.length && at(next).listItem) while (w.first < w.last && !fits(w.first, next)) w.first++;
    while (w.last + 1 < sentences.length && at(w.last + 1).listItem && fits(w.first, w.last + 1)) w.last++;
  }
  while (w.last + 1 < sentences.length && at(w.last).end - at(w.first).start < MIN_QUOTE_CHARS) {
    if (!fits(w.first, w.last + 1) || at(w.last + 1).opensParagraph) break;
    w.last++;
  }
  return w;
}
