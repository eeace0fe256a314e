import { describe, expect, it } from 'vitest';
import { WordIdEncoder } from '../../src/embed/word-encoder.ts';

/** A stand-in word encoder: one id per character (its code), so every word's ids are known. */
function charIds(word: string): number[] {
  return Array.from(word, (ch) => ch.charCodeAt(0));
}

const expected = (text: string) => [
  1,
  ...text
    .split(/[ \t\n\r]+/)
    .filter(Boolean)
    .flatMap(charIds),
  2,
];

describe('WordIdEncoder', () => {
  it('gives each word’s ids between the special tokens, across breaks of every kind', () => {
    const encoder = new WordIdEncoder(charIds, [1], [2]);
    for (const text of ['', '  ', 'a', 'ab cd', ' ab\tcd\r\nef  gh ', 'ab ab ab', `${'x'.repeat(70)} y`]) {
      expect(Array.from(encoder.encode(text)), JSON.stringify(text)).toEqual(expected(text));
      expect(encoder.count(text), JSON.stringify(text)).toBe(expected(text).length);
    }
  });

  it('asks for each word once, and again only after the table has started afresh', () => {
    const asked: string[] = [];
    const encoder = new WordIdEncoder(
      (word) => {
        asked.push(word);
        return charIds(word);
      },
      [1],
      [2],
      3,
    );
    const text = 'aa bb cc aa dd ee aa';
    expect(Array.from(encoder.encode(text))).toEqual(expected(text));
    // aa, bb, cc fill the table; dd starts it afresh (then ee), and aa is asked for again.
    expect(asked).toEqual(['aa', 'bb', 'cc', 'dd', 'ee', 'aa']);
    expect(encoder.count(text)).toBe(expected(text).length);
    expect(Array.from(encoder.encode(text))).toEqual(expected(text));
  });

  it('counts the words of a range one by one: their spans and running sums, what count() adds up', () => {
    const encoder = new WordIdEncoder(charIds, [1], [2]);
    const text = ` ab\tcd\r\nef  ${'x'.repeat(70)} g\u00a0h `;
    for (const [start, end] of [
      [0, text.length],
      [2, text.length - 3],
      [5, 5],
      [9, 12],
    ] as const) {
      const words = encoder.countWords(text, start, end);
      const slice = text.slice(start, end);
      const spans = [...slice.matchAll(/[^ \t\n\r]+/g)].map((m) => [start + m.index, start + m.index + m[0].length]);
      expect(words.count, `${start}-${end}`).toBe(spans.length);
      let sum = 0;
      spans.forEach(([from, to], i) => {
        sum += to! - from!;
        expect([words.starts[i], words.ends[i], words.sums[i]]).toEqual([from, to, sum]);
      });
      expect(sum + 2).toBe(encoder.count(slice));
    }
  });

  it('grows the word arrays it returns for a block of many words', () => {
    const encoder = new WordIdEncoder(charIds, [1], [2]);
    const text = Array.from({ length: 1000 }, (_, i) => `w${i % 97}`).join(' ');
    const words = encoder.countWords(text, 0, text.length);
    expect(words.count).toBe(1000);
    expect(words.ends[999]).toBe(text.length);
    expect(words.sums[999]! + 2).toBe(encoder.count(text));
  });

  it('grows its output for a long text', () => {
    const encoder = new WordIdEncoder(charIds, [1], [2]);
    const text = Array.from({ length: 3000 }, (_, i) => `w${i % 97}`).join(' ');
    expect(Array.from(encoder.encode(text))).toEqual(expected(text));
  });
});
