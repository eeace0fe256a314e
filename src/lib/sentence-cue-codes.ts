import type { QuestionIntent } from '../types.ts';
import { cueStrength } from './sentence-cues.ts';

/**
 * Every kind of answer stored per sentence, in the order of their two bits in a sentence's cue
 * code. Not `status` nor `obstacle`: cue-sentences.ts reads them from a sentence's text when asked.
 */
export const CUE_INTENTS: readonly QuestionIntent[] = [
  'obligation',
  'target',
  'date',
  'deadline',
  'number',
  'agency',
  'list',
];

/**
 * The strengths {@link cueStrength} gives a sentence for one kind of answer (1: a cue; 0.6: a
 * list item or a short enumeration; 0.8: a list), in single precision as the answer cues hold
 * them; two bits of a cue code index this.
 */
const STRENGTHS = Float32Array.of(0, 0.6, 0.8, 1);
/** Each kind alone, as cueStrength takes it: made once, not for every sentence. */
const ALONE = CUE_INTENTS.map((intent) => [intent]);

/**
 * A sentence's strength for each kind of answer (its {@link cueText} given), two bits a kind in
 * the order of {@link CUE_INTENTS}: the index of the strength in STRENGTHS.
 */
export function cueCode(folded: string): number {
  let code = 0;
  for (let k = 0; k < CUE_INTENTS.length; k++) {
    const strength = Math.fround(cueStrength(folded, ALONE[k]!));
    const level = STRENGTHS.indexOf(strength);
    // A new strength in sentence-cues.ts needs a place here (and a new index format).
    if (level < 0) throw new Error(`A cue strength of ${strength} has no code.`);
    code |= level << (2 * k);
  }
  return code;
}

/** The strength that `code` records for `intent`: cueStrength(sentence, [intent]) in single precision. */
export function codedStrength(code: number, intent: QuestionIntent): number {
  return STRENGTHS[(code >> (2 * CUE_INTENTS.indexOf(intent))) & 3]!;
}
