/** Seeded synthetic data for the benchmark: Zipf-distributed text and clustered unit vectors. */
import { prng } from '../tests/fixtures/prng.ts';

export { prng };

/** A vocabulary of pronounceable pseudo-words, and a sampler with Zipf(1.07) frequencies. */
export function zipfWords(vocabSize: number, seed: number): { words: string[]; sample: () => string } {
  const rand = prng(seed);
  const syllables = [
    'ka',
    'lo',
    'mi',
    'ten',
    'ra',
    'vo',
    'sul',
    'de',
    'pri',
    'an',
    'cor',
    'eth',
    'ul',
    'nim',
    'bas',
    'qu',
    'ord',
    'ys',
  ];
  const words = Array.from({ length: vocabSize }, (_, i) => {
    let w = '';
    for (let s = 0; s < 2 + (i % 3); s++) w += syllables[Math.floor(rand() * syllables.length)];
    return `${w}${i}`;
  });
  return { words, sample: zipfSampler(words, 1.07, rand) };
}

/** Draws from `items` with Zipf(`exponent`) frequencies: the i-th item (0-based) ∝ 1/(i+1)^exponent. */
export function zipfSampler<T>(items: readonly T[], exponent: number, rand: () => number): () => T {
  const cdf = new Float64Array(items.length);
  let total = 0;
  for (let i = 0; i < items.length; i++) cdf[i] = total += 1 / (i + 1) ** exponent;
  return () => {
    const x = rand() * total;
    let lo = 0;
    let hi = items.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cdf[mid] ?? 0) < x) lo = mid + 1;
      else hi = mid;
    }
    return items[lo] as T;
  };
}

export function sentence(sample: () => string, words: number): string {
  return `${Array.from({ length: words }, sample).join(' ')}.`;
}

/**
 * `count` unit vectors shaped like sentence embeddings: points of a 24-dimensional latent
 * space (a mixture of `clusters` topics) mapped into `dim` dimensions by a fixed random
 * projection, plus a little noise. Real embeddings have a low intrinsic dimension too; pure
 * isotropic noise in 384-d would make every point nearly equidistant and kNN meaningless.
 */
export function clusteredVectors(count: number, dim: number, clusters: number, seed: number): Float32Array[] {
  const LATENT = 24;
  const shape = prng(12345);
  const gaussOf = (rand: () => number) => () =>
    Math.sqrt(-2 * Math.log(rand() || 1e-12)) * Math.cos(2 * Math.PI * rand());
  const g = gaussOf(shape);
  const projection = Array.from({ length: dim }, () => Float32Array.from({ length: LATENT }, g));
  const centres = Array.from({ length: clusters }, () => Float32Array.from({ length: LATENT }, () => 2 * g()));
  const gauss = gaussOf(prng(seed));
  const rand = prng(seed + 1);
  return Array.from({ length: count }, () => {
    const c = centres[Math.floor(rand() * clusters)] as Float32Array;
    const z = Float32Array.from(c, (x) => x + gauss());
    const v = Float32Array.from(projection, (row) => row.reduce((s, w, j) => s + w * (z[j] ?? 0), 0) + 0.5 * gauss());
    const n = Math.hypot(...v);
    return v.map((x) => x / n);
  });
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}
