import { CUE_INTENTS, codedStrength } from '../lib/sentence-cue-codes.ts';
import { cueStrength, cueText } from '../lib/sentence-cues.ts';
import { splitSentences } from '../lib/split-sentences.ts';
import type { LexicalSearcher } from '../store/types.ts';
import type { QuestionIntent, Span } from '../types.ts';
import { type CueHeading, cueHeading } from './cue-headings.ts';

/** A sentence of a passage as the answer cues read it: its span and its folded cue text. */
export interface CueSentence extends Span {
  cueText: string;
}

/** A passage's sentences as the answer cues read them and, once analyzed, the distinct term ids of each. */
export interface PassageCues {
  /** How many sentences the passage has. */
  count: number;
  /** The distinct analyzed term ids (known to the index) of sentence `i`, analyzed on first use. */
  termIds(i: number): Uint32Array;
  /** How strongly sentence `i` carries the kinds of answer asked for (lib/sentence-cues.ts): the best of each kind's. */
  strength(i: number, intents: readonly QuestionIntent[]): number;
  /** Sentence `i`'s cue text (lib/sentence-cues.ts cueText), read from the passage's text on first use. */
  cueText(i: number): string;
  /** What the passage's title and section path make given (cue-headings.ts), read on first use. */
  heading(): CueHeading;
}

/** The kinds of answer whose strengths the index stores per sentence. */
const STORED: ReadonlySet<QuestionIntent> = new Set(CUE_INTENTS);

/**
 * Passages kept, per cache. The answer cues read the top 20 passages of every question that
 * asks for a kind of answer, and quote choice the shown ones: a bot answers many questions over
 * the same few hundred passages, so the answer cues analyze a passage's cue sentences (and
 * read its text from disk) once, and quote choice splits a shown passage once.
 */
const CACHE_SIZE = 2048;
let byText = new Map<string, readonly CueSentence[]>();
let byDoc = new WeakMap<LexicalSearcher, Map<number, PassageCues>>();

/**
 * A passage's sentences (split once) with their cue text, cached by the text itself, for the
 * quote profile (present/passage-profile.ts). The answer cues read the same split, stored in the
 * index at build ({@link passageCues}).
 */
export function cueSentences(text: string): readonly CueSentence[] {
  return _cached(byText, text, () =>
    splitSentences(text).map((span) => ({ ...span, cueText: cueText(text.slice(span.start, span.end)) })),
  );
}

/**
 * The cue sentences of passage `doc` of `lexical`'s index, cached by its ordinal (an index is
 * immutable). Its sentences and their strengths for each kind of answer were found when the
 * index was built (store/lexical/sentence-table.ts: splitSentences and cueStrength over
 * cueText, as {@link cueSentences} reads a text); `text` is called only when one of its
 * sentences is analyzed, the first time it can raise the passage's bonus. Most sentences carry
 * no cue, and their words are never analyzed.
 */
export function passageCues(lexical: LexicalSearcher, doc: number, text: () => string): PassageCues {
  let cache = byDoc.get(lexical);
  if (!cache) {
    cache = new Map();
    byDoc.set(lexical, cache);
  }
  return _cached(cache, doc, () => {
    const { bounds, codes } = lexical.passageSentences(doc);
    const ids = new Array<Uint32Array | undefined>(codes.length);
    const folded = new Array<string | undefined>(codes.length);
    const cueTextOf = (i: number) => (folded[i] ??= cueText(text().slice(bounds[2 * i], bounds[2 * i + 1])));
    let heading: CueHeading | undefined;
    return {
      heading: () => (heading ??= cueHeading(lexical, doc)),
      count: codes.length,
      strength(i, intents) {
        let best = 0;
        for (const intent of intents) {
          if (STORED.has(intent)) best = Math.max(best, codedStrength(codes[i]!, intent));
          // A kind the index does not store (a status): read from the sentence, once.
          else best = Math.max(best, cueStrength(cueTextOf(i), [intent]));
        }
        return best;
      },
      cueText: cueTextOf,
      termIds(i) {
        let known = ids[i];
        if (!known) {
          const found = new Set<number>();
          for (const word of lexical.analyzeWords(text().slice(bounds[2 * i], bounds[2 * i + 1]))) {
            const id = lexical.termId(word);
            if (id !== undefined) found.add(id);
          }
          known = Uint32Array.from(found);
          ids[i] = known;
        }
        return known;
      },
    };
  });
}

/** Drops every cached sentence (a benchmark measures the cost of passages not seen before). */
export function forgetCueSentences(): void {
  byText = new Map();
  byDoc = new WeakMap();
}

/** Least-recently-used lookup: a hit moves to the back, the oldest entry goes past the limit. */
function _cached<K, T>(cache: Map<K, T>, key: K, make: () => T): T {
  const hit = cache.get(key);
  if (hit !== undefined) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const value = make();
  cache.set(key, value);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as K);
  return value;
}
