import { describe, expect, it } from 'vitest';
import { bm25Idf, bm25LengthNorm, bm25Saturate, bm25TermScore } from '../../../src/store/lexical/bm25.ts';

describe('bm25Idf', () => {
  it('is ln(1 + (N − df + 0.5) / (df + 0.5))', () => {
    // df 1 of N 10: ln(1 + 9.5 / 1.5) = ln(22/3) ≈ 1.992430
    expect(bm25Idf(1, 10)).toBeCloseTo(Math.log(22 / 3), 12);
    expect(bm25Idf(1, 10)).toBeCloseTo(1.99243, 5);
    // df 5 of 10: ln(1 + 5.5 / 5.5) = ln 2
    expect(bm25Idf(5, 10)).toBeCloseTo(Math.LN2, 12);
    // df 10 of 10: ln(1 + 0.5 / 10.5) = ln(22/21) ≈ 0.046520
    expect(bm25Idf(10, 10)).toBeCloseTo(Math.log(22 / 21), 12);
  });

  it('stays positive for a term in every document and grows as the term gets rarer', () => {
    // The classic RSJ form ln((N − df + 0.5) / (df + 0.5)) would be ln(0.5 / 99.5) < 0 here.
    expect(bm25Idf(99, 99)).toBeGreaterThan(0);
    const idfs = [1, 2, 10, 50, 99].map((df) => bm25Idf(df, 99));
    expect([...idfs].sort((a, b) => b - a)).toEqual(idfs);
  });
});

describe('bm25LengthNorm', () => {
  it('is 1 − b + b · dl / avgdl', () => {
    // 1 − 0.75 + 0.75 · 20 / 10 = 0.25 + 1.5 = 1.75
    expect(bm25LengthNorm(20, 10, 0.75)).toBeCloseTo(1.75, 12);
    // 1 − 0.5 + 0.5 · 5 / 10 = 0.75
    expect(bm25LengthNorm(5, 10, 0.5)).toBeCloseTo(0.75, 12);
    // A document of average length is not rescaled, whatever b.
    expect(bm25LengthNorm(10, 10, 0.3)).toBeCloseTo(1, 12);
  });

  it('ignores length with b = 0 and divides by the relative length with b = 1', () => {
    expect(bm25LengthNorm(37, 10, 0)).toBe(1);
    expect(bm25LengthNorm(30, 10, 1)).toBeCloseTo(3, 12);
  });

  it('is 1 when the mean length is 0 (an empty field set)', () => {
    expect(bm25LengthNorm(0, 0, 0.75)).toBe(1);
    expect(bm25LengthNorm(5, 0, 1)).toBe(1);
  });
});

describe('bm25Saturate', () => {
  it('is tf / (k1 + tf)', () => {
    // 2 / (1.2 + 2) = 0.625
    expect(bm25Saturate(2, 1.2)).toBeCloseTo(0.625, 12);
    // 0.5 / (0.9 + 0.5) = 5/14
    expect(bm25Saturate(0.5, 0.9)).toBeCloseTo(5 / 14, 12);
  });

  it('is 0 for no occurrences, even with k1 = 0', () => {
    expect(bm25Saturate(0, 1.2)).toBe(0);
    expect(bm25Saturate(0, 0)).toBe(0);
  });

  it('counts presence only with k1 = 0 and approaches raw tf (over k1) with a large k1', () => {
    expect([1, 2, 50].map((tf) => bm25Saturate(tf, 0))).toEqual([1, 1, 1]);
    expect(bm25Saturate(3, 1e9) * 1e9).toBeCloseTo(3, 6);
  });

  it('adds less with each further occurrence', () => {
    const gains = [1, 2, 3, 4].map((tf) => bm25Saturate(tf, 1.2) - bm25Saturate(tf - 1, 1.2));
    expect([...gains].sort((a, b) => b - a)).toEqual(gains);
  });
});

describe('bm25TermScore', () => {
  it('is idf · saturate(tf / lengthNorm)', () => {
    // tf 3, dl 20, avgdl 10, df 1, N 10, k1 1.2, b 0.75:
    // norm = 1.75, tf' = 3 / 1.75 = 12/7, saturation = (12/7) / (1.2 + 12/7) = 12 / 20.4 = 10/17,
    // idf = ln(22/3), score = ln(22/3) · 10/17 ≈ 1.172018
    expect(bm25TermScore(3, 20, 10, 1, 10, 1.2, 0.75)).toBeCloseTo((Math.log(22 / 3) * 10) / 17, 12);
    expect(bm25TermScore(3, 20, 10, 1, 10, 1.2, 0.75)).toBeCloseTo(1.172018, 6);
  });

  it('equals the textbook tf·(k1+1) / (tf + k1·norm) form divided by (k1 + 1)', () => {
    // Textbook: 3 · 2.2 / (3 + 1.2 · 1.75) = 6.6 / 5.1; over 2.2 that is 10/17 again.
    const textbook = (Math.log(22 / 3) * 6.6) / 5.1;
    expect(bm25TermScore(3, 20, 10, 1, 10, 1.2, 0.75)).toBeCloseTo(textbook / 2.2, 12);
  });

  it('is 0 without occurrences and idf alone with k1 = 0', () => {
    expect(bm25TermScore(0, 20, 10, 1, 10, 1.2, 0.75)).toBe(0);
    expect(bm25TermScore(4, 20, 10, 5, 10, 0, 0.75)).toBeCloseTo(Math.LN2, 12);
  });

  it('does not normalise length in an empty collection (avgdl 0)', () => {
    // norm 1: saturation 2 / (1.2 + 2) = 0.625, idf(1, 1) = ln(1 + 0.5 / 1.5) = ln(4/3)
    expect(bm25TermScore(2, 0, 0, 1, 1, 1.2, 0.75)).toBeCloseTo(Math.log(4 / 3) * 0.625, 12);
  });

  it('favours the shorter of two documents with the same tf, unless b = 0', () => {
    expect(bm25TermScore(2, 5, 10, 3, 10, 1.2, 0.75)).toBeGreaterThan(bm25TermScore(2, 15, 10, 3, 10, 1.2, 0.75));
    expect(bm25TermScore(2, 5, 10, 3, 10, 1.2, 0)).toBe(bm25TermScore(2, 15, 10, 3, 10, 1.2, 0));
  });
});
