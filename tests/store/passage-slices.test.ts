import { describe, expect, it } from 'vitest';
import { PassageSlices, SLICE } from '../../src/store/passage-slices.ts';

/** The slices of a corpus whose files bring `files[i]` passages to embed each, then its end. */
function slicesOf(files: number[]): number[] {
  const slicing = new PassageSlices();
  const slices: number[] = [];
  let waiting = 0;
  for (const count of files) {
    waiting += count;
    for (const size of slicing.cut(waiting)) {
      slices.push(size);
      waiting -= size;
    }
  }
  return [...slices, ...slicing.last(waiting)];
}

const sum = (sizes: number[]) => sizes.reduce((a, b) => a + b, 0);

describe('PassageSlices', () => {
  it('starts with one batch, doubles up to 512 and ends with 256, 128, 64 and 32', () => {
    // 3,000 − (32 + 64 + 128 + 256) − 4 × 512 = 472 = 248 + 128 + 64 + 32 (too few for 256 before them).
    expect(slicesOf([3000])).toEqual([32, 64, 128, 256, 512, 512, 512, 512, 248, 128, 64, 32]);
    // 2,100 − 480 − 2 × 512 = 596 = 116 + 256 + 128 + 64 + 32: a third 512 would leave 84 behind it.
    expect(slicesOf([2100])).toEqual([32, 64, 128, 256, 512, 512, 116, 256, 128, 64, 32]);
  });

  it('sends the first slice of 512 at once, the next ones only with 256 more passages parsed behind them', () => {
    for (let n = 1; n < 4000; n += 53) {
      const sizes = slicesOf([n]);
      const lastFull = sizes.lastIndexOf(SLICE);
      if (lastFull > sizes.indexOf(SLICE)) expect(sum(sizes.slice(lastFull + 1))).toBeGreaterThanOrEqual(SLICE / 2);
    }
    const slicing = new PassageSlices();
    expect(slicing.cut(480)).toEqual([32, 64, 128, 256]);
    expect(slicing.cut(SLICE)).toEqual([SLICE]);
    expect(slicing.cut(767)).toEqual([]);
    expect(slicing.cut(768)).toEqual([SLICE]);
    expect(slicing.cut(SLICE * 3 + 10)).toEqual([SLICE, SLICE]);
  });

  it('cuts the same slices however the passages are spread over files', () => {
    const whole = slicesOf([2100]);
    expect(slicesOf([100, 2000])).toEqual(whole);
    expect(slicesOf(Array.from({ length: 2100 }, () => 1))).toEqual(whole);
    expect(sum(whole)).toBe(2100);
  });

  it('sends a slice as soon as it is parsed, and no slice exceeds 512', () => {
    const slicing = new PassageSlices();
    expect(slicing.cut(31)).toEqual([]);
    // `waiting` counts the passages not sent yet: 100 − 96 are left for the next call.
    expect(slicing.cut(100)).toEqual([32, 64]);
    expect(slicing.cut(127)).toEqual([]);
    expect(slicing.cut(128)).toEqual([128]);
    expect(slicing.cut(256)).toEqual([256]);
    // The first 512 at once, the second with 256 more behind it; 522 left: too few for a third.
    expect(slicing.cut(SLICE * 3 + 10)).toEqual([SLICE, SLICE]);
    for (let n = 1; n < 1500; n += 37) {
      const sizes = slicesOf([n]);
      expect(sum(sizes)).toBe(n);
      expect(Math.max(...sizes)).toBeLessThanOrEqual(SLICE);
    }
  });

  it('splits a small remainder only where each last slice has passages', () => {
    const slicing = () => new PassageSlices();
    expect(slicing().last(0)).toEqual([]);
    expect(slicing().last(20)).toEqual([20]);
    expect(slicing().last(50)).toEqual([18, 32]);
    expect(slicing().last(200)).toEqual([104, 64, 32]);
    expect(slicing().last(700)).toEqual([220, 256, 128, 64, 32]);
  });
});
