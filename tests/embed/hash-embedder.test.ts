import { describe, expect, it } from 'vitest';
import { HashEmbedder } from '../../src/embed/hash-embedder.ts';
import { dot } from './fixture-models-dir.ts';

describe('HashEmbedder', () => {
  it('is deterministic across instances and folds case and diacritics', async () => {
    const a = await new HashEmbedder().embedQuery('Quyết định 49');
    expect(Array.from(await new HashEmbedder().embedQuery('quyet dinh 49'))).toEqual(Array.from(a));
    expect(a).toHaveLength(64);
    expect(dot(a, a)).toBeCloseTo(1, 5);
  });

  it('encodes queries and passages alike, so shared words mean higher similarity', async () => {
    const e = new HashEmbedder({ dimensions: 256, modelId: 'hash-test' });
    expect([e.modelId, e.dimensions, e.maxTokens]).toEqual(['hash-test', 256, 512]);
    const q = await e.embedQuery('telemedicine network speed');
    const [near, far] = await e.embedPassages(['telemedicine network speed rules', 'singapore partnership']);
    expect(dot(q, near!)).toBeGreaterThan(dot(q, far!));
  });

  it('gives an empty text a unit vector rather than NaNs', async () => {
    const v = await new HashEmbedder().embedQuery('');
    expect(dot(v, v)).toBeCloseTo(1, 5);
  });

  it('counts words plus two special tokens', () => {
    expect(new HashEmbedder().countTokens('What does Circular 49 require?')).toBe(7);
    expect(new HashEmbedder().countTokens('')).toBe(2);
  });

  it('reports progress once for the whole list', async () => {
    const calls: [number, number][] = [];
    await new HashEmbedder().embedPassages(['a', 'b', 'c'], (done, total) => calls.push([done, total]));
    expect(calls).toEqual([[3, 3]]);
  });
});
