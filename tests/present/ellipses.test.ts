import { describe, expect, it } from 'vitest';
import { quoteEllipses } from '../../src/present/ellipses.ts';

const text = 'First sentence here. The rule applies to all clinics. It lists three goals: one, two, three.';
const span = (sentence: string) => {
  const start = text.indexOf(sentence);
  return { start, end: start + sentence.length };
};

describe('quoteEllipses', () => {
  it('marks nothing when the quote is the whole passage', () => {
    expect(quoteEllipses({ start: 0, end: text.length }, text)).toEqual({ before: '', after: '' });
  });

  it('marks the start of a quote from the middle, but not the end of a whole sentence', () => {
    expect(quoteEllipses(span('The rule applies to all clinics.'), text)).toEqual({ before: '…', after: '' });
  });

  it('keeps the trailing mark after a colon, whose list is left out', () => {
    expect(quoteEllipses(span('It lists three goals:'), text)).toEqual({ before: '…', after: '…' });
  });

  it('keeps the trailing mark when the quote stops inside a sentence', () => {
    expect(quoteEllipses(span('First sentence'), text)).toEqual({ before: '', after: '…' });
  });

  it('treats a sentence end inside closing quotes or brackets as whole', () => {
    const quoted = 'He approved “Decision 5316.” Then more text follows.';
    const end = quoted.indexOf('”') + 1;
    expect(quoteEllipses({ start: 0, end }, quoted)).toEqual({ before: '', after: '' });
  });
});
