import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/lib/split-sentences.ts';

const sentences = (text: string) => splitSentences(text).map((s) => text.slice(s.start, s.end));

describe('splitSentences', () => {
  it('does not break after the abbreviations policy text uses', () => {
    const text =
      'The Ministry issued “Circular No. 49, 2017 - Regulating the Management of Telemedicine”. ' +
      'See Art. 5 and e.g. Dr. Lan in TP. Hồ Chí Minh. It applies i.e. everywhere.';
    expect(sentences(text)).toEqual([
      'The Ministry issued “Circular No. 49, 2017 - Regulating the Management of Telemedicine”.',
      'See Art. 5 and e.g. Dr. Lan in TP. Hồ Chí Minh.',
      'It applies i.e. everywhere.',
    ]);
  });

  it('keeps decimals, tokens with inner stops and initials whole', () => {
    const text = 'Donations reached AUD$18.3 million. Children Hospital No.1 in Ho Chi Minh City. J. Smith agreed.';
    expect(sentences(text)).toEqual([
      'Donations reached AUD$18.3 million.',
      'Children Hospital No.1 in Ho Chi Minh City.',
      'J. Smith agreed.',
    ]);
  });

  it('ends a sentence at "no." when no number follows', () => {
    expect(sentences('The answer was no. Then it changed.')).toEqual(['The answer was no.', 'Then it changed.']);
  });

  it('splits numbered list items into their own sentences, keeping the number with the item', () => {
    const text = 'This initiative set three key goals:\n\n  1. Develop infrastructure. \n  2. Standardize EMRs.\n';
    expect(sentences(text)).toEqual([
      'This initiative set three key goals:',
      '1. Develop infrastructure.',
      '2. Standardize EMRs.',
    ]);
  });

  it('runs a hard-wrapped line on into the next when that starts in lower case', () => {
    expect(sentences('The regulation covers the provision of\nmedical advice. Next\nLine')).toEqual([
      'The regulation covers the provision of\nmedical advice.',
      'Next',
      'Line',
    ]);
  });

  it('keeps a closing quote or bracket with its sentence, and does not break before a lower-case word', () => {
    expect(sentences('He said “stop.” Then left. It was approx. two hours (roughly.) Done!')).toEqual([
      'He said “stop.”',
      'Then left.',
      'It was approx. two hours (roughly.)',
      'Done!',
    ]);
  });

  it('splits Chinese at full-width stops and works within a range', () => {
    const text = 'xx 第一句。第二句！ yy';
    expect(splitSentences(text, 3, text.length - 3).map((s) => text.slice(s.start, s.end))).toEqual([
      '第一句。',
      '第二句！',
    ]);
  });

  it('returns nothing for white space and one span for text without a boundary', () => {
    expect(splitSentences('   \n ')).toEqual([]);
    expect(sentences('| 2019 | 24 provinces | pilot |')).toEqual(['| 2019 | 24 provinces | pilot |']);
  });

  it('takes linear time on a paragraph full of "No."', () => {
    // The ICU segmenter took minutes on 10k repeats and grew quadratically.
    const unit = 'See Circular No. 49 and Decision No. 5316 of the Ministry. ';
    const time = (n: number) => {
      const text = unit.repeat(n);
      let best = Infinity;
      for (let i = 0; i < 3; i++) {
        const start = performance.now();
        const spans = splitSentences(text);
        best = Math.min(best, performance.now() - start);
        expect(spans).toHaveLength(n);
      }
      return best;
    };
    const small = time(5_000);
    const large = time(20_000);
    // Linear would be 4×; quadratic 16×. Allow noise from a shared CPU.
    expect(large / Math.max(small, 1)).toBeLessThan(9);
  });

  it('reads only its range: a piece of a long text without stops costs the same as the piece alone', () => {
    // Ingest splits each 16k piece of a one-line file; the search for the next stop used to run
    // on to the end of the whole text, so a 49 MB line without stops took minutes.
    const piece = 'records kept for ten years '.repeat(600);
    const long = piece.repeat(400);
    const time = (text: string) => {
      let best = Infinity;
      for (let i = 0; i < 3; i++) {
        const start = performance.now();
        for (let k = 0; k < 20; k++) expect(splitSentences(text, 0, piece.length)).toHaveLength(1);
        best = Math.min(best, performance.now() - start);
      }
      return best;
    };
    const alone = time(piece);
    const within = time(long);
    // Reading to the end would be ~400×; allow noise from a shared CPU.
    expect(within / Math.max(alone, 1)).toBeLessThan(10);
  });
});
