import { describe, expect, it } from 'vitest';
import { poolWeights } from '../../src/embed/pooled-forward.ts';

describe('poolWeights', () => {
  it('gives each row 1/count on its real tokens and 0 on padding, either side', () => {
    const mask = BigInt64Array.from([1n, 1n, 1n, 0n, 0n, 0n, 1n, 1n, 1n, 1n, 1n, 1n, 0n, 0n, 0n, 0n]);
    const weights = poolWeights(mask, 4, 4);
    expect(weights.dims).toEqual([4, 1, 4]);
    expect(weights.type).toBe('float32');
    expect(Array.from(weights.data as Float32Array)).toEqual([
      ...[1 / 3, 1 / 3, 1 / 3, 0].map(Math.fround),
      0,
      0,
      0.5,
      0.5,
      0.25,
      0.25,
      0.25,
      0.25,
      // A row without a real token (never sent) weighs nothing.
      0,
      0,
      0,
      0,
    ]);
  });

  it('reads a mask value past 32 bits as a real token, as the model does', () => {
    expect(Array.from(poolWeights(BigInt64Array.from([2n ** 40n, 0n]), 1, 2).data as Float32Array)).toEqual([1, 0]);
  });
});
