import { describe, expect, it } from 'vitest';
import { batchPositions, cutSorted, passageBatches } from '../../src/embed/passage-batches.ts';

/** The positions a cut runs the model over: each batch's size × its longest (last) length. */
function positions(lengths: number[], sizes: number[]): number {
  let at = 0;
  let total = 0;
  for (const size of sizes) {
    at += size;
    total += size * lengths[at - 1]!;
  }
  return total;
}

describe('cutSorted', () => {
  it('fills batches in order when the lengths are alike', () => {
    expect(cutSorted([3, 3, 3, 3, 3], 2)).toEqual([2, 2, 1]);
    expect(cutSorted(Array(40).fill(256), 32)).toEqual([32, 8]);
    expect(cutSorted([], 32)).toEqual([]);
  });

  it('gives a few short passages among long ones a batch of their own', () => {
    expect(cutSorted([10, 11, 12, 200, 250, 256, 256], 32)).toEqual([3, 4]);
  });

  it('never runs over more positions than full batches in order do, and keeps batches within batchSize', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let round = 0; round < 50; round++) {
      const lengths = Array.from({ length: 1 + Math.floor(random() * 120) }, () => 2 + Math.floor(random() * 255));
      lengths.sort((a, b) => a - b);
      const sizes = cutSorted(lengths, 32);
      const full = Array.from({ length: Math.ceil(lengths.length / 32) }, (_, i) =>
        Math.min(32, lengths.length - i * 32),
      );
      expect(sizes.reduce((a, b) => a + b, 0)).toBe(lengths.length);
      expect(Math.max(...sizes)).toBeLessThanOrEqual(32);
      expect(positions(lengths, sizes) + 64 * sizes.length).toBeLessThanOrEqual(
        positions(lengths, full) + 64 * full.length,
      );
    }
  });
});

describe('passageBatches', () => {
  it('sorts a window by length, cuts it where padding is least, and keeps every passage once', () => {
    const lengths = [256, 5, 256, 6, 256, 7, 256];
    const batches = [...passageBatches(lengths.length, (i) => new Int32Array(lengths[i]!), 32)];
    expect(batches.map((batch) => batch.rows)).toEqual([
      [1, 3, 5],
      [0, 2, 4, 6],
    ]);
    expect(batches.map((batch) => batch.lists.map((list) => list.length))).toEqual([
      [5, 6, 7],
      [256, 256, 256, 256],
    ]);
  });
});

describe('batchPositions', () => {
  it('counts tokens and the padded positions, each list capped at maxLength', () => {
    expect(batchPositions([new Int32Array(3), new Int32Array(5), new Int32Array(300)], 256)).toEqual([264, 768]);
  });
});
