const COMBINING_MARKS = /\p{M}+/gu;
/** The combining marks of Latin text (U+0300–U+036F), the only marks below U+0370. */
const LATIN_MARKS = /[\u0300-\u036f]+/g;
/** A character from U+0370 on, bar punctuation and currency signs (U+2000–U+20CF): only then can another mark occur. */
// biome-ignore lint/suspicious/noMisleadingCharacterClass: code-point ranges, not characters with marks
const BEYOND_LATIN_MARKS = /[\u0370-\u1fff\u20d0-\uffff]/;

/**
 * Case- and diacritic-folds text for matching: "Quyết định" → "quyet dinh", "QĐ" → "qd".
 * Vietnamese đ/Đ is a separate letter, not a combining mark, so it is mapped explicitly.
 * Folding can change length (e.g. "ﬁ" → "fi"), so never use folded offsets on the source.
 *
 * Latin text (English, Vietnamese: every indexed passage, every query) is folded one table
 * lookup per character, with the same result as the definition (see {@link foldTextByDefinition}).
 */
export function foldText(text: string): string {
  return _foldByTable(text) ?? foldTextByDefinition(text);
}

/**
 * foldText(text) when folding keeps every position: each character of `text` folds to one
 * character and is its own NFC with a one-character lower case (Vietnamese and English text
 * without combining marks), so that character i of the result, of lowerNfc(text) and of
 * `text` are one and the same letter; undefined otherwise. {@link lowerCodeAt} reads
 * lowerNfc(text) at a position without making it.
 */
export function foldSameLength(text: string): string | undefined {
  const { sameLength, fold } = _tables();
  // One pass: such a character folds to one code unit, written straight to the Latin-1 bytes
  // while they all fit (the usual folded text); past that, the table fold decodes UTF-16.
  const n = text.length;
  if (bytes.length < n) bytes = Buffer.allocUnsafeSlow(2 * n);
  let narrow = true;
  for (let i = 0; i < n; i++) {
    const code = text.charCodeAt(i);
    if (code >= TABLE_END || sameLength[code] === 0) return undefined;
    const folded = fold[code]!;
    if (folded < 0x100) bytes[i] = folded;
    else narrow = false;
  }
  return narrow ? bytes.toString('latin1', 0, n) : _foldByTable(text);
}

/** lowerNfc(text).charCodeAt(i) for a text {@link foldSameLength} accepts. */
export function lowerCodeAt(text: string, i: number): number {
  return _tables().lower[text.charCodeAt(i)]!;
}

/**
 * `text.normalize('NFC').toLowerCase()`. Text of Latin letters without combining marks
 * (precomposed Vietnamese, English) is already in NFC, and skips the normalization.
 */
export function lowerNfc(text: string): string {
  const table = _tables();
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= TABLE_END || table.nfcStable[code] === 0) return text.normalize('NFC').toLowerCase();
  }
  return text.toLowerCase();
}

/**
 * The folding itself: compatibility decomposition (NFKD), marks dropped, đ → d, lower case.
 * Exported for tests, which check the table against it.
 */
export function foldTextByDefinition(text: string): string {
  const decomposed = text.normalize('NFKD');
  // The Unicode-property regex is several times slower than a range, with the same result
  // where no mark beyond U+036F can occur.
  const bare = BEYOND_LATIN_MARKS.test(decomposed)
    ? decomposed.replace(COMBINING_MARKS, '')
    : decomposed.replace(LATIN_MARKS, '');
  return bare.replace(/[đĐ]/g, 'd').toLowerCase();
}

/**
 * The characters the table covers: U+0000–U+036F (Latin letters and their marks), U+1E00–
 * U+1EFF (Latin Extended Additional: precomposed Vietnamese) and U+2000–U+20CF
 * (punctuation, currency signs); others (Greek, CJK, …) take the definition.
 *
 * Folding such text one character at a time equals folding it whole: every mark these
 * characters decompose into lies in U+0300–U+036F and is dropped, so the canonical reordering
 * of marks that NFKD does across characters cannot show; and lower-casing them depends on no
 * context (only Greek final sigma does). Checked for every pair of them in the tests.
 */
const TABLE_END = 0x20d0;
const COVERED = (code: number) => code < 0x370 || (code >= 0x1e00 && code < 0x1f00) || code >= 0x2000;
/** Table entries: the folded character, or one of these (no covered character folds to them). */
const DROPPED = 0xfffd;
const UNCOVERED = 0xffff;
const SEVERAL = 0xfffe;
/** The most code units one covered character folds to ("⁗" → four primes); longer ones stay uncovered. */
const MOST_UNITS = 4;

interface FoldTables {
  /** Code unit → its folded code unit, DROPPED (a mark), SEVERAL (e.g. "ĳ" → "ij") or UNCOVERED. */
  fold: Uint16Array;
  several: Map<number, string>;
  /** 1 where a character is in NFC and composes with no neighbour (no marks, not U+2000/U+2001). */
  nfcStable: Uint8Array;
  /** Code unit → its lower case, where that is one code unit. */
  lower: Uint16Array;
  /** 1 where a character is NFC-stable, folds to one character and lower-cases to one that folds the same. */
  sameLength: Uint8Array;
}

let tables: FoldTables | undefined;

function _tables(): FoldTables {
  if (tables) return tables;
  const fold = new Uint16Array(TABLE_END).fill(UNCOVERED);
  const several = new Map<number, string>();
  const nfcStable = new Uint8Array(TABLE_END);
  const lower = new Uint16Array(TABLE_END);
  const sameLength = new Uint8Array(TABLE_END);
  for (let code = 0; code < TABLE_END; code++) {
    if (!COVERED(code)) continue;
    const ch = String.fromCharCode(code);
    const folded = foldTextByDefinition(ch);
    if (folded.length === 1 && folded.charCodeAt(0) < DROPPED) fold[code] = folded.charCodeAt(0);
    else if (folded.length === 0) fold[code] = DROPPED;
    else if (folded.length <= MOST_UNITS) {
      fold[code] = SEVERAL;
      several.set(code, folded);
    }
    if ((code < 0x300 || code >= 0x1e00) && ch.normalize('NFC') === ch) nfcStable[code] = 1;
    const lowered = ch.toLowerCase();
    if (lowered.length === 1) lower[code] = lowered.charCodeAt(0);
    const single = folded.length === 1 && lowered.length === 1;
    if (nfcStable[code] && single && foldTextByDefinition(lowered) === folded) sameLength[code] = 1;
  }
  tables = { fold, several, nfcStable, lower, sameLength };
  return tables;
}

/** Output scratch: folded code units, grown as needed (a character folds to at most MOST_UNITS). */
let out = new Uint16Array(4096);

/** foldText by the table, or undefined when `text` holds a character the table does not cover. */
function _foldByTable(text: string): string | undefined {
  const { fold, several } = _tables();
  if (out.length < text.length * MOST_UNITS) out = new Uint16Array(text.length * MOST_UNITS);
  let n = 0;
  let widest = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const folded = code < TABLE_END ? fold[code]! : UNCOVERED;
    if (folded === UNCOVERED) return undefined;
    if (folded === SEVERAL) {
      const s = several.get(code)!;
      for (let j = 0; j < s.length; j++) {
        const unit = s.charCodeAt(j);
        out[n++] = unit;
        widest = Math.max(widest, unit);
      }
    } else if (folded !== DROPPED) {
      out[n++] = folded;
      if (folded > widest) widest = folded;
    }
  }
  return _decode(out, n, widest);
}

const CHUNK = 4096;
/** One byte per folded character, for the Latin-1 string; reused. */
let bytes = Buffer.allocUnsafeSlow(4096);
/** Whether a Uint16Array's bytes read as UTF-16LE (they are in the machine's byte order). */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The string of `units[0, n)`; one byte per character when they all fit (the usual folded text). */
function _decode(units: Uint16Array, n: number, widest: number): string {
  if (widest < 0x100) {
    if (bytes.length < n) bytes = Buffer.allocUnsafeSlow(2 * n);
    for (let i = 0; i < n; i++) bytes[i] = units[i]!;
    return bytes.toString('latin1', 0, n);
  }
  // Typographic quotes and dashes ("“”–") stay as they are: a natively decoded UTF-16 copy.
  if (LITTLE_ENDIAN) return Buffer.from(units.buffer, units.byteOffset, n * 2).toString('utf16le');
  let s = '';
  for (let at = 0; at < n; at += CHUNK) s += String.fromCharCode(...units.subarray(at, Math.min(n, at + CHUNK)));
  return s;
}
