import { describe, expect, it } from 'vitest';
import { isJoiner, scanTokens } from '../../../src/store/lexical/tokenize.ts';

/** Each token as `[text, compound]`, read back from the span the scanner reports. */
function tokens(text: string): [string, boolean][] {
  const out: [string, boolean][] = [];
  scanTokens(text, { token: (start, end, compound) => out.push([text.slice(start, end), compound]) });
  return out;
}

describe('scanTokens', () => {
  it('reports runs of letters and digits, split at spaces and punctuation', () => {
    expect(tokens('Images need 4Mbps networks.')).toEqual([
      ['Images', false],
      ['need', false],
      ['4Mbps', false],
      ['networks', false],
    ]);
    expect(tokens('(a),b;c:d!e?"f" g_h')).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((t) => [t, false]));
  });

  it('reports nothing for empty text or text without letters and digits', () => {
    expect(tokens('')).toEqual([]);
    expect(tokens(' \n\t.,;-/ — «» ')).toEqual([]);
  });

  it('reports spans of the scanned text, in order', () => {
    const text = '  ab  cd ';
    const spans: [number, number][] = [];
    scanTokens(text, { token: (start, end) => spans.push([start, end]) });
    expect(spans).toEqual([
      [2, 4],
      [6, 8],
    ]);
  });

  it('keeps runs joined by single slashes and hyphens as one compound span', () => {
    expect(tokens('Circular 49/2017/tt-byt and covid-19 rules')).toEqual([
      ['Circular', false],
      ['49/2017/tt-byt', true],
      ['and', false],
      ['covid-19', true],
      ['rules', false],
    ]);
    expect(tokens('5316/QĐ-BYT')).toEqual([['5316/QĐ-BYT', true]]);
  });

  it('does not join across a doubled joiner, another punctuation mark or a space', () => {
    expect(tokens('a--b c//d e.f g - h i/-j k_l')).toEqual(
      ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l'].map((t) => [t, false]),
    );
  });

  it('leaves leading and trailing joiners out of the token', () => {
    expect(tokens('-a b- c/ /d e/f/ g-h-')).toEqual([
      ['a', false],
      ['b', false],
      ['c', false],
      ['d', false],
      ['e/f', true],
      ['g-h', true],
    ]);
    // A joiner as the very last character is not read past the end.
    expect(tokens('x-')).toEqual([['x', false]]);
    expect(tokens('x/y-')).toEqual([['x/y', true]]);
  });

  it('counts non-ASCII letters and digits, Vietnamese with diacritics included', () => {
    expect(tokens('Thông tư quy định về hoạt động y tế từ xa')).toEqual(
      ['Thông', 'tư', 'quy', 'định', 'về', 'hoạt', 'động', 'y', 'tế', 'từ', 'xa'].map((t) => [t, false]),
    );
    expect(tokens('Đà Nẵng, ĐIỀU 5; naïve café Straße ٣٤ 東京')).toEqual(
      ['Đà', 'Nẵng', 'ĐIỀU', '5', 'naïve', 'café', 'Straße', '٣٤', '東京'].map((t) => [t, false]),
    );
  });

  it('keeps astral letters (surrogate pairs) whole and treats astral symbols as boundaries', () => {
    // U+1D400 and U+1D401 are mathematical bold letters; U+20000 is a CJK ideograph; U+1F600 is an emoji.
    expect(tokens('𝐀𝐁c 𠀀x 😀y z😀')).toEqual([
      ['𝐀𝐁c', false],
      ['𠀀x', false],
      ['y', false],
      ['z', false],
    ]);
    expect(tokens('a-𝐀')).toEqual([['a-𝐀', true]]);
    // A lone high surrogate is not a letter, and at the end is not read past.
    expect(tokens('ab\ud835')).toEqual([['ab', false]]);
  });

  it('splits a decomposed (NFD) letter at its combining mark, which is why the analyzer folds first', () => {
    expect(tokens('Thông'.normalize('NFD'))).toEqual([
      ['Tho', false],
      ['ng', false],
    ]);
  });
});

describe('isJoiner', () => {
  it('is true for slash and hyphen only', () => {
    expect(['/', '-'].map((c) => isJoiner(c.charCodeAt(0)))).toEqual([true, true]);
    expect(['.', '_', '\\', '–', '‑', ' '].map((c) => isJoiner(c.charCodeAt(0)))).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});
