import { foldText } from '../lib/text.ts';
import type { QuestionIntent } from '../types.ts';

/** A numbered or bulleted list item: "1. Develop …", "• country: Vietnam", "a) …". */
export const LIST_ITEM = /^(?:\d{1,3}[.)]|[a-z][.)]|[•●▪◦*–-])\s/u;

/** A parenthesised source citation with a year. */
const CITATION = /\([^()]{1,80}\b(?:19|20)\d\d\)/g;

const MONTHS = 'january|february|march|april|may|june|july|august|september|october|november|december';

/**
 * What a sentence that carries each kind of answer looks like, over folded text. Each pattern
 * is a strong cue (worth 1); list items count as a weaker cue for targets (see cueStrength).
 */
const CUES: Readonly<Record<QuestionIntent, RegExp>> = {
  obligation:
    /\b(?:must|shall|only|required to|are required|is required|requires?|stipulat\w*|obliged|mandatory|prohibit\w*|may not|not allowed|no longer|phai|bat buoc|chi duoc|khong duoc)\b/,
  target:
    /\d+(?:[.,]\d+)?\s?%|\b(?:by|until|before|through|to|den nam|den)\s+20\d\d\b|\b(?:aims?|goals?|targets?|objectives?|hopes? to|vision|muc tieu)\b/,
  date: new RegExp(
    `\\b(?:${MONTHS})\\b|\\b(?:19|20)\\d\\d\\b|\\b\\d{1,2}(?:st|nd|rd|th)\\b|\\b(?:since|effect|deadline|ngay|thang|nam)\\b`,
  ),
  number:
    /\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|dozens?|hundreds?|thousands?|millions?|billions?)\b/,
  agency:
    /\b(?:ministry|minister|government|agency|institute|department|office|council|assembly|committee|university|hospital|bo y te|chinh phu|thu tuong)\b|\b(?:moh|mic|mps|nhri|vss)\b/,
};

/**
 * Kinds of answer that are content (a rule, a goal: every such sentence is part of the
 * answer), as against attributes that most sentences carry (a date, a number, an agency).
 */
export const CONTENT_INTENTS: ReadonlySet<QuestionIntent> = new Set(['obligation', 'target']);

/** A sentence as the cues read it: folded, its parenthesised source citations ("(VietnamPlus, 2024)") left out. */
export function cueText(sentence: string): string {
  // A source's year is not a date the text states.
  return foldText(sentence).replace(CITATION, ' ');
}

/**
 * How strongly a sentence (as {@link cueText} gives it) carries the kinds of answer asked
 * for, in [0, 1]: 1 when it has a cue of any asked kind, 0.6 for a list item under a target
 * question, 0 otherwise.
 */
export function cueStrength(folded: string, intents: readonly QuestionIntent[]): number {
  if (intents.length === 0) return 0;
  if (intents.some((intent) => CUES[intent].test(folded))) return 1;
  if (intents.includes('target') && LIST_ITEM.test(folded)) return 0.6;
  return 0;
}
