import { expect } from 'vitest';

/** Least cosine between a passage's vector pooled inside the model and the pipeline's (see PassageModel). */
export const MIN_COSINE = 0.99999;
/** Largest difference of one value: float32 sums of a unit vector's values (about 1e-6 over 230 tokens of a real-size model), far below any ranking's resolution. */
export const MAX_ABS_DIFF = 1e-5;

/**
 * Asserts `actual` are `expected` up to float32 rounding: as many vectors, each of the same
 * width, with a cosine of at least MIN_COSINE and no value further than MAX_ABS_DIFF.
 */
export function expectCloseVectors(actual: readonly Float32Array[], expected: readonly Float32Array[]): void {
  expect(actual.length).toBe(expected.length);
  let leastCosine = 1;
  let mostDiff = 0;
  for (const [i, a] of actual.entries()) {
    const b = expected[i]!;
    expect(a.length).toBe(b.length);
    let dot = 0;
    let aa = 0;
    let bb = 0;
    for (let k = 0; k < a.length; k++) {
      dot += a[k]! * b[k]!;
      aa += a[k]! ** 2;
      bb += b[k]! ** 2;
      mostDiff = Math.max(mostDiff, Math.abs(a[k]! - b[k]!));
    }
    leastCosine = Math.min(leastCosine, dot / Math.sqrt(aa * bb));
  }
  expect(leastCosine).toBeGreaterThanOrEqual(MIN_COSINE);
  expect(mostDiff).toBeLessThanOrEqual(MAX_ABS_DIFF);
}
