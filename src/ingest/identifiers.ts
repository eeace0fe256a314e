import type { Identifier, IdentifierKind } from '../types.ts';
import {
  BARE_PATTERN,
  followsWordChar,
  isYear,
  KEYWORD_KINDS,
  KEYWORD_PATTERN,
  kindOfTypeCode,
  readTail,
  type Tail,
} from './identifier-patterns.ts';

const KIND_LABELS: Record<IdentifierKind, string> = {
  circular: 'Circular',
  decision: 'Decision',
  decree: 'Decree',
  law: 'Law',
  resolution: 'Resolution',
  directive: 'Directive',
  'official-letter': 'Official Letter',
  plan: 'Plan',
  'consolidated-text': 'Consolidated Text',
};

const ASCII_ONLY = /^\p{ASCII}*$/u;

interface Found {
  start: number;
  end: number;
  kind: IdentifierKind;
  number: string;
  year?: number;
  issuer?: string;
  /** Where the number written as a code (`49/2017/TT-BYT`) starts, when it is one. */
  codeStart?: number;
}

/**
 * Finds references to legal instruments in `text`: "Circular No. 49, 2017",
 * "49/2017/TT-BYT", "Quyết định 5316/QĐ-BYT", "Thong tu 49", "Law No. 24/2018/QH14", ….
 * Returns one identifier per key, in order of first appearance; when the same instrument is
 * named twice, a year or issuer given only by a later mention is merged into the first.
 * A kind word needs a number right after it; a bare number needs a document-type code
 * (`/TT-`, `/QĐ-`, …), so "COVID-19", "No.1", "24 provinces" and "2019" name nothing.
 */
export function extractIdentifiers(text: string): Identifier[] {
  const plain = _stripDiacritics(text);
  const found = [..._findKeyworded(plain), ..._findBare(plain)];
  // Stripping diacritics keeps offsets for text in composed form, the usual case; otherwise
  // the official form is left out rather than cut from the wrong place.
  const aligned = plain.length === text.length;
  found.sort((a, b) => a.start - b.start);
  const byKey = new Map<string, Found & { official?: string | undefined }>();
  let coveredUntil = -1;
  for (const f of found) {
    // A bare number inside a keyworded reference ("Circular 49/2017/TT-BYT") is the same one.
    if (f.start < coveredUntil) continue;
    coveredUntil = f.end;
    const key = `${f.kind}:${f.number}`;
    const seen = byKey.get(key);
    const official = aligned && f.codeStart !== undefined ? text.slice(f.codeStart, f.end) : undefined;
    if (!seen) byKey.set(key, { ...f, official });
    else {
      seen.year ??= f.year;
      seen.issuer ??= f.issuer;
      seen.official ??= official;
    }
  }
  return [...byKey.values()].map(_toIdentifier);
}

/**
 * True when a document's identifier can be the instrument a query names: the same key, and
 * where both state a year, the same year; where both state an issuer, one is the other or
 * extends it segment by segment ("QD" is compatible with "QD-BYT", "TT-BYT" not with "TT-BTC").
 */
export function identifiersMatch(query: Identifier, doc: Identifier): boolean {
  if (query.key !== doc.key) return false;
  if (query.year !== undefined && doc.year !== undefined && query.year !== doc.year) return false;
  if (query.issuer === undefined || doc.issuer === undefined) return true;
  const [shorter, longer] =
    query.issuer.length <= doc.issuer.length ? [query.issuer, doc.issuer] : [doc.issuer, query.issuer];
  return longer === shorter || longer.startsWith(`${shorter}-`);
}

/** The readable canonical form: "Circular 49/2017/TT-BYT", "Decision 5316/QD-BYT", "Circular 49". */
export function formatIdentifierLabel(kind: IdentifierKind, number: string, year?: number, issuer?: string): string {
  const parts = [number, ...(year === undefined ? [] : [String(year)]), ...(issuer === undefined ? [] : [issuer])];
  return `${KIND_LABELS[kind]} ${parts.join('/')}`;
}

function _findKeyworded(plain: string): Found[] {
  const out: Found[] = [];
  // exec rather than matchAll, which clones the pattern on every call.
  KEYWORD_PATTERN.lastIndex = 0;
  for (let m = KEYWORD_PATTERN.exec(plain); m; m = KEYWORD_PATTERN.exec(plain)) {
    if (followsWordChar(plain, m.index)) continue;
    const kindIndex = KEYWORD_KINDS.findIndex((_, i) => m[i + 1] !== undefined);
    const kind = KEYWORD_KINDS[kindIndex];
    const digits = m[KEYWORD_KINDS.length + 2];
    if (kind === undefined || digits === undefined) continue;
    const numberedMarker = m[KEYWORD_KINDS.length + 1] !== undefined;
    const end = m.index + m[0].length;
    const tail = readTail(plain, end);
    // "Decision 2019" is far more often a year than decision number 2019; "No." settles it.
    const looksLikeYear = digits.length === 4 && isYear(Number(digits));
    if (looksLikeYear && !numberedMarker && tail.year === undefined && tail.issuer === undefined) continue;
    out.push(_found(m.index, kind, digits, tail, tail.issuer === undefined ? undefined : end - digits.length));
  }
  return out;
}

function _findBare(plain: string): Found[] {
  const out: Found[] = [];
  // A code's number is followed by a slash: without one, nothing for the pattern (and its
  // look-behind, tried at every position) to find.
  if (plain.indexOf('/') < 0) return out;
  BARE_PATTERN.lastIndex = 0;
  for (let m = BARE_PATTERN.exec(plain); m; m = BARE_PATTERN.exec(plain)) {
    const digits = m[1];
    if (digits === undefined) continue;
    const tail = readTail(plain, m.index + digits.length);
    const kind = tail.issuer === undefined ? undefined : kindOfTypeCode(tail.issuer.split('-')[0] ?? '');
    if (kind === undefined) continue;
    out.push(_found(m.index, kind, digits, tail, m.index));
  }
  return out;
}

/** A reference found at `start`: its number without leading zeros, and the year and issuer its tail states. */
function _found(start: number, kind: IdentifierKind, digits: string, tail: Tail, codeStart: number | undefined): Found {
  return { start, end: tail.end, kind, number: _stripZeros(digits), year: tail.year, issuer: tail.issuer, codeStart };
}

function _toIdentifier(f: Found & { official?: string | undefined }): Identifier {
  const id: Identifier = { key: `${f.kind}:${f.number}`, kind: f.kind, number: f.number, label: '' };
  if (f.year !== undefined) id.year = f.year;
  if (f.issuer !== undefined) id.issuer = f.issuer;
  if (f.official !== undefined) id.official = f.official;
  id.label = formatIdentifierLabel(f.kind, f.number, f.year, f.issuer);
  return id;
}

function _stripZeros(digits: string): string {
  return digits.replace(/^0+(?=\d)/, '');
}

/**
 * Removes diacritics but keeps letter case, which tells an issuer code ("TTg") from the
 * ordinary word that may follow it ("-National"). Đ is its own letter, so it is mapped.
 */
function _stripDiacritics(text: string): string {
  if (ASCII_ONLY.test(text)) return text;
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');
}

/**
 * The label with the number as the source writes it, when the corpus writes it as a code:
 * "Circular 49/2017/TT-BYT", "Decision 06/2022/QD-TTg", "Decision 5316/QĐ-BYT"; else the label.
 */
export function officialLabel(id: Pick<Identifier, 'label' | 'official'>): string {
  return id.official ? `${id.label.slice(0, id.label.lastIndexOf(' '))} ${id.official}` : id.label;
}
