import type { QuestionIntent } from '../types.ts';
import { foldText } from './text.ts';

/** A numbered or bulleted list item: "1. Develop …", "• country: Vietnam", "a) …". */
export const LIST_ITEM = /^(?:\d{1,3}[.)]|[a-z][.)]|[•●▪◦*–-])\s/u;

/** A parenthesised source citation with a year. */
const CITATION = /\([^()]{1,80}\b(?:19|20)\d\d\)/g;

const MONTHS = 'january|february|march|april|may|june|july|august|september|october|november|december';

/**
 * A date a deadline names, over folded text: a year, "1 January 2026", "January 1st, 2026",
 * "30th June", "01/01/2026", Vietnamese "năm 2030", "ngày 1 tháng 1 năm 2026", "tháng 6/2025".
 */
const DATE =
  `(?:(?:\\d{1,2}(?:st|nd|rd|th)?\\s(?:of\\s)?)?(?:${MONTHS})(?:\\s\\d{1,2}(?:st|nd|rd|th)?)?,?\\s)?(?:19|20)\\d\\d\\b` +
  `|\\d{1,2}(?:st|nd|rd|th)?\\s(?:of\\s)?(?:${MONTHS})\\b|(?:ngay\\s)?\\d{1,2}[/.-]\\d{1,2}[/.-](?:19|20)\\d\\d\\b` +
  `|(?:ngay\\s\\d{1,2}\\s)?(?:thang\\s\\d{1,2}(?:/|\\s))?(?:nam\\s)?(?:19|20)\\d\\d\\b`;

/**
 * What a sentence that carries each kind of answer looks like, over folded text. Each pattern
 * is a strong cue (worth 1); list items count as a weaker cue for targets (see cueStrength).
 * The index stores each sentence's strengths (store/lexical/sentence-table.ts): a change that
 * alters what these find needs LEXICAL_FORMAT_VERSION bumped, so that indexes are rebuilt.
 */
const CUES: Readonly<Record<QuestionIntent, RegExp>> = {
  obligation:
    /\b(?:must|shall|only|required to|are required|is required|requires?|stipulat\w*|obliged|mandatory|prohibit\w*|may not|not allowed|no longer|phai|bat buoc|chi duoc|khong duoc)\b/,
  target:
    /\d+(?:[.,]\d+)?\s?%|\b(?:by|until|before|through|to|den nam|den)\s+20\d\d\b|\b(?:aims?|goals?|targets?|objectives?|hopes? to|vision|muc tieu)\b/,
  date: new RegExp(
    `\\b(?:${MONTHS})\\b|\\b(?:19|20)\\d\\d\\b|\\b\\d{1,2}(?:st|nd|rd|th)\\b|\\b(?:since|effect|deadline|ngay|thang|nam)\\b`,
  ),
  deadline: new RegExp(
    `\\b(?:by|before|until|till|through|prior to|no later than|not later than|on or before|between\\s(?:19|20)\\d\\d\\sand|den|toi|truoc|cham nhat(?: la)?|tu nay den|den het)\\s(?:(?:the\\s)?end of\\s|het\\s)?(?:${DATE})` +
      `|\\b(?:deadlines?|due (?:date|by)|time limits?|han chot|thoi han)\\b|\\bwithin\\s(?:\\d+|one|two|three|six|ten|thirty)\\s(?:\\w+\\s)?(?:days?|weeks?|months?|years?)\\b` +
      `|\\b(?:trong vong|khong qua)\\s\\d+\\s(?:ngay|thang|nam|tuan)\\b`,
  ),
  number:
    /\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|dozens?|hundreds?|thousands?|millions?|billions?)\b/,
  agency:
    /\b(?:ministry|minister|government|agency|institute|department|office|council|assembly|committee|university|hospital|bo y te|chinh phu|thu tuong)\b|\b(?:moh|mic|mps|nhri|vss)\b/,
  // Not stored in the index (sentence-cue-codes.ts): read from a passage's text when asked.
  status:
    /\b(?:outdated|obsolete|no longer|repeal\w*|replac(?:ed|es|ing)|supersed\w*|expir\w*|abolish\w*|annul\w*|amend\w*|in force|in effect|invalid|ceased?|het hieu luc|con hieu luc|bai bo|thay the|sua doi)\b/,
  // Not stored either: what stands in the way ("could pose barriers to …", "mainly due to …").
  obstacle:
    /\b(?:barriers?|obstacles?|hurdles?|bottlenecks?|challenges?|difficult(?:y|ies)?|imped\w*|hinder\w*|block(?:s|ed|ing|age)?|prevent(?:s|ed|ing)?|shortages?|lack(?:s|ing)?|gaps|due to|because of|inconsisten\w*|kho khan|thach thuc|tro ngai|rao can|vuong mac|can tro)\b/,
  // "such as big data, …": a list follows (an enumeration without such a word: see _listStrength).
  list: /\b(?:such as|including|includes?|namely|as follows|e\.g\.|bao gom|gom co|nhu sau|chang han)\b/,
};

/** "A, B, and C", "A, B và C": a conjunction after two or more commas. */
const CONJUNCTION = /\b(?:and|or|va|hoac)\b/;

/**
 * Kinds of answer that are content (a rule, a goal: every such sentence is part of the
 * answer), as against attributes that most sentences carry (a date, a number, an agency).
 */
export const CONTENT_INTENTS: ReadonlySet<QuestionIntent> = new Set(['obligation', 'target', 'list']);

/** A sentence as the cues read it: folded, its parenthesised source citations ("(VietnamPlus, 2024)") left out. */
export function cueText(sentence: string): string {
  // A source's year is not a date the text states.
  return foldText(sentence).replace(CITATION, ' ');
}

/**
 * How strongly a sentence (as {@link cueText} gives it) carries the kinds of answer asked
 * for, in [0, 1]: 1 when it has a cue of any asked kind, 0.6 for a list item under a target
 * or list question, up to 0.8 for a list under a list question (see _listStrength), 0 otherwise.
 */
export function cueStrength(folded: string, intents: readonly QuestionIntent[]): number {
  let best = 0;
  for (const intent of intents) {
    if (intent === 'list') best = Math.max(best, _listStrength(folded));
    else if (CUES[intent].test(folded)) return 1;
  }
  if ((intents.includes('target') || intents.includes('list')) && LIST_ITEM.test(folded)) best = Math.max(best, 0.6);
  return best;
}

/**
 * How plainly a sentence lists things: 0.8 when a word announces the list ("such as"), 0.2 per
 * item of an enumeration of three or more ("A, B and C"), at most 0.8. A list is a form, not a
 * content: a sentence stating the goals a question also asks for ("những mục tiêu nào") wins.
 */
function _listStrength(folded: string): number {
  if (CUES.list.test(folded)) return LIST_MAX;
  const commas = folded.split(',').length - 1;
  if (commas < 2 || !CONJUNCTION.test(folded)) return 0;
  return Math.min(LIST_MAX, 0.2 * (commas + 1));
}

const LIST_MAX = 0.8;
