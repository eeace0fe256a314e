import { isWhiteSpace } from '../lib/text.ts';

/**
 * Recognises passages that are page furniture rather than prose: page banners, navigation
 * ("Section:|Overview…", "scrollToTop"), image captions ("Image: …", "(Credit: …)"), keyword
 * lists, and tables of contents or summary tables (runs of short title-like lines). They stay
 * searchable, but retrieval ranks them below prose, so a question that prose answers is
 * never answered by a banner or a caption first.
 */

/** Lines that are furniture whatever their length. */
const FURNITURE_LINE =
  /^(?:image|photo|picture|figure|fig\.|credit|source|keywords?|tags?|section|menu|share|print|related|read more|scroll\s*to\s*top|scrolltotop|back to top|:::)\b|^\((?:credit|source|photo|l|r)\b|^[:•|#]|^\|/i;

/** True for a caption, navigation or banner line ("Image: …", "(Credit: …)", "Section:|…", ":::"). */
export function isFurnitureLine(line: string): boolean {
  const trimmed = line.trim();
  return FURNITURE_LINE.test(trimmed) || CITATIONS_ONLY.test(trimmed);
}

const TRAILING_CITATIONS = /(?:\s*\([^()]{1,120}\))+$/;

/** A line of source citations only: "(Tilleke & Gibbins, 2018) (LawNet, 2017)". */
const CITATIONS_ONLY = /^(?:\([^()]{1,120}\)\s*)+$/;

/** A line reads as prose when it has this many words and a sentence inside it ends. */
const PROSE_WORDS = 4;
/** A sentence ending at the end of the line, or before the capital that starts the next one. */
const SENTENCE_END = /[.!?。]["”’')\]]*$|[.!?。]["”’')\]]*\s+\p{Lu}/u;

/** Below this share of prose characters, a passage is furniture. */
const PROSE_SHARE = 0.5;

/**
 * True when a passage is mostly furniture: fewer than half of its visible characters are in
 * prose lines (four words or more and a sentence that ends, not a caption or navigation line;
 * a title like "Circular No. 49, 2017 - Regulating …" has no sentence end).
 * Per line and linear in the text.
 */
export function isBoilerplate(text: string): boolean {
  let prose = 0;
  let visible = 0;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    visible += line.length;
    if (isFurnitureLine(line) || !_hasWords(line, PROSE_WORDS)) continue;
    // "… market. (thuvienphapluat, 2019) (MoH, 2019)": the sources after the last sentence.
    const core = line.endsWith(')') ? line.replace(TRAILING_CITATIONS, '') : line;
    if (SENTENCE_END.test(core)) prose += line.length;
  }
  return visible === 0 || prose < PROSE_SHARE * visible;
}

/** Whether a trimmed line has at least `n` words (parts between runs of white space, as `split(/\s+/)` makes them). */
function _hasWords(line: string, n: number): boolean {
  let words = 1;
  for (let i = 0; i < line.length && words < n; i++) {
    if (isWhiteSpace(line.charCodeAt(i)) && !isWhiteSpace(line.charCodeAt(i - 1))) words++;
  }
  return words >= n;
}
