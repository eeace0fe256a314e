const WORD_CHAR = /^[\p{L}\p{N}]$/u;
/** Per BMP code unit: 0 = not yet classified, 1 = letter or digit, 2 = neither. */
const CLASS_CACHE = new Uint8Array(0x10000);

/** 1 for an ASCII letter or digit. */
const ASCII_WORD = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII_WORD[c] = /[A-Za-z0-9]/.test(String.fromCharCode(c)) ? 1 : 0;

/** Receives each token as the span `[start, end)` of the scanned text. */
export interface TokenSink {
  token(start: number, end: number, compound: boolean): void;
}

/**
 * Reports each run of letters and digits in `text`, in order, as a span (so a caller can
 * look the token up without allocating a string). Runs joined by a single `/` or `-`
 * ("49/2017/tt-byt", "covid-19") arrive as one span with `compound` set, for the caller to
 * keep whole and/or split. Hand-written rather than a Unicode regex: indexing scans every
 * chunk's three fields, and the regex was the build's hot spot. The sink is an object, not a
 * callback, so callers need not allocate a closure per text.
 */
export function scanTokens(text: string, sink: TokenSink): void {
  const length = text.length;
  let i = 0;
  while (i < length) {
    let width = wordCharWidth(text, i);
    if (width === 0) {
      i++;
      continue;
    }
    const start = i;
    let compound = false;
    for (;;) {
      while (width > 0) {
        i += width;
        width = i < length ? wordCharWidth(text, i) : 0;
      }
      if (i + 1 < length && isJoiner(text.charCodeAt(i))) {
        width = wordCharWidth(text, i + 1);
        if (width > 0) {
          compound = true;
          i += 1;
          continue;
        }
      }
      break;
    }
    sink.token(start, i, compound);
  }
}

/** True for `/` and `-`, the characters that join the parts of a compound token. */
export function isJoiner(code: number): boolean {
  return code === 47 || code === 45;
}

/** Code units taken by the letter or digit at `i` (2 for an astral one), or 0 for anything else. */
function wordCharWidth(text: string, i: number): number {
  const code = text.charCodeAt(i);
  if (code < 128) return ASCII_WORD[code]!;
  if (code >= 0xd800 && code <= 0xdbff) {
    const point = text.codePointAt(i) ?? code;
    return point > 0xffff && WORD_CHAR.test(String.fromCodePoint(point)) ? 2 : 0;
  }
  let cls = CLASS_CACHE[code]!;
  if (cls === 0) {
    cls = WORD_CHAR.test(String.fromCharCode(code)) ? 1 : 2;
    CLASS_CACHE[code] = cls;
  }
  return cls === 1 ? 1 : 0;
}
