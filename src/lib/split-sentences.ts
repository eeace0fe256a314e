import type { Span } from '../types.ts';

/**
 * Words that end with a full stop without ending a sentence, lower-cased, without the stop.
 * Kept short on purpose: each entry is one that policy text uses ("Circular No. 49",
 * "Art. 5", "TP. Hồ Chí Minh") or that general prose does ("e.g.", "Dr.", "vs.").
 */
const ABBREVIATIONS = new Set(
  (
    'no nos art arts cl para paras p pp ch sec fig figs vol vols ed eds ref refs ' +
    'e.g i.e cf approx est dept govt min max ' +
    'dr mr mrs ms prof st sr jr mt ' +
    'vs v inc ltd co corp bros ' +
    'jan feb mar apr jun jul aug sep sept oct nov dec ' +
    'tp q tx ths ts gs pgs bs u.s u.k a.m p.m'
  ).split(' '),
);

/** Sentence-final punctuation in Latin scripts, and the full-width CJK forms. */
const STOPS = new Set(['.', '!', '?', '…', '。', '！', '？']);
/** 1 at the code of each stop and of the line break: what {@link _nextMark} looks for. */
const MARKS = new Uint8Array(0x10000);
for (const ch of [...STOPS, '\n']) MARKS[ch.charCodeAt(0)] = 1;
/** Quotes and brackets that may close a sentence after its stop: `… “Circular 49.”` */
const CLOSERS = /["'”’)\]»」』]/;
const CJK_STOPS = /[。！？]/;
/** The longest abbreviation looked back at; bounds the work per candidate. */
const LOOKBACK = 12;

/**
 * Sentence spans of `text` between `start` and `end`, trimmed of surrounding white space. The
 * lexical index stores each passage's spans (store/lexical/sentence-table.ts): a change that
 * moves them needs LEXICAL_FORMAT_VERSION bumped, so that indexes are rebuilt.
 *
 * One pass over the text, and a bounded look around each candidate stop, so the time is linear
 * in the length (the ICU segmenter in `Intl.Segmenter` is quadratic on a paragraph full of
 * "No."). A full stop ends a sentence unless it closes a known abbreviation ("No.", "Art.",
 * "e.g.", "TP."), a single capital (an initial), or the number of a list item at the start of
 * a line ("1. Develop …"), or unless the next word starts in lower case. A decimal point or a
 * stop inside a token ("No.1", "4.5") is never followed by white space, so it is never a
 * candidate. A line break ends a sentence when the line ends with a stop or a colon, the next
 * line starts a list item or a capital, or a blank line follows; a hard-wrapped line whose
 * next line starts in lower case runs on.
 */
export function splitSentences(text: string, start = 0, end = text.length): Span[] {
  const spans: Span[] = [];
  let from = start;
  for (let at = _nextMark(text, start, end); at < end; at = _nextMark(text, at + 1, end)) {
    const ch = text[at] ?? '';
    if (ch === '\n') {
      if (!_breaksAtNewline(text, from, at, end)) continue;
      _push(spans, text, from, at + 1);
      from = at + 1;
      continue;
    }
    let stop = at + 1;
    while (stop < end && STOPS.has(text[stop] ?? '')) stop++;
    const mark = text.slice(at, stop);
    const last = stop - 1;
    while (stop < end && CLOSERS.test(text[stop] ?? '')) stop++;
    const breaks = _breaksAfterStop(text, at, mark, stop, end);
    at = last;
    if (!breaks) continue;
    _push(spans, text, from, stop);
    from = stop;
  }
  _push(spans, text, from, end);
  return spans;
}

/**
 * The position of the first stop or line break in [from, end), or `end`. A scan bounded by
 * `end`: a regular expression would search on past the range to the next stop in the text, so
 * splitting each 16k piece of a stop-free 49 MB line re-read the rest of the file every time.
 */
function _nextMark(text: string, from: number, end: number): number {
  for (let i = from; i < end; i++) {
    if (MARKS[text.charCodeAt(i)] === 1) return i;
  }
  return end;
}

function _push(spans: Span[], text: string, start: number, end: number): void {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s] ?? '')) s++;
  while (e > s && /\s/.test(text[e - 1] ?? '')) e--;
  if (e > s) spans.push({ start: s, end: e });
}

/** Whether the stop `mark` at `at` (closers up to `stop`) ends a sentence. */
function _breaksAfterStop(text: string, at: number, mark: string, stop: number, end: number): boolean {
  if (stop >= end) return true;
  if (CJK_STOPS.test(mark)) return true;
  // A stop inside a token ("No.1", "4.5", "www.moh.gov.vn") is not a candidate.
  if (!/\s/.test(text[stop] ?? '')) return false;
  if (mark !== '.') return _nextStartsSentence(text, stop, end) !== false;
  const word = _wordBefore(text, at);
  const lower = word.toLowerCase();
  // "No." is also a word ("the answer is no."): an abbreviation only before a number.
  if (lower === 'no' || lower === 'nos') {
    if (/^\s*#?\d/.test(text.slice(stop, stop + 4))) return false;
  } else if (ABBREVIATIONS.has(lower)) return false;
  // "J. Smith": a lone capital is an initial. Not "I." or a roman numeral heading at line start.
  if (/^[A-Z]$/.test(word) && !_atLineStart(text, at - word.length)) return false;
  // "1. Develop infrastructure": the number of a list item, not the end of a sentence.
  if (/^\d{1,3}$/.test(word) && _atLineStart(text, at - word.length)) return false;
  return _nextStartsSentence(text, stop, end) !== false;
}

/**
 * Whether a line break at `at` ends the sentence begun at `from`: after a stop or colon, before
 * a blank line, a list item, a capital or a digit; not before a lower-case word (a wrapped line).
 */
function _breaksAtNewline(text: string, from: number, at: number, end: number): boolean {
  let before = at - 1;
  while (before >= from && /[ \t\r]/.test(text[before] ?? '')) before--;
  if (before < from) return false; // nothing since the last break: just white space
  const next = _nextStartsSentence(text, at + 1, end);
  return next !== false;
}

/**
 * Looks at the first visible character after `pos` (within a short window): false when it is a
 * lower-case letter (the sentence runs on), true otherwise, also at the end of the range.
 */
function _nextStartsSentence(text: string, pos: number, end: number): boolean {
  const limit = Math.min(end, pos + 64);
  for (let i = pos; i < limit; i++) {
    const ch = text[i] ?? '';
    if (/\s/.test(ch)) continue;
    if (/["'“‘([«]/.test(ch)) continue;
    return !/\p{Ll}/u.test(ch);
  }
  return true;
}

/** The word (letters, digits and inner dots) that ends right before `at`, up to LOOKBACK characters. */
function _wordBefore(text: string, at: number): string {
  let i = at;
  const floor = Math.max(0, at - LOOKBACK);
  while (i > floor && /[\p{L}\p{N}.]/u.test(text[i - 1] ?? '')) i--;
  return text.slice(i, at).replace(/^\.+/, '');
}

/** True when only spaces, tabs or list bullets sit between the last line break and `pos` (bounded). */
function _atLineStart(text: string, pos: number): boolean {
  const floor = Math.max(0, pos - LOOKBACK);
  for (let i = pos - 1; i >= floor; i--) {
    const ch = text[i] ?? '';
    if (ch === '\n') return true;
    if (!/[ \t•\-*–(]/.test(ch)) return false;
  }
  return pos - LOOKBACK <= 0;
}
