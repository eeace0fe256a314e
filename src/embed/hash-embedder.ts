import { createHash } from 'node:crypto';
import { foldText } from '../lib/text.ts';
import type { Embedder } from './embedder.ts';

/**
 * A deterministic bag-of-words embedder (feature hashing of folded words, L2-normalised).
 * For fast unit tests of code around the `Embedder` seam only: it has no notion of meaning,
 * so the product never uses it. Integration tests use the real transformers.js pipeline.
 */
export class HashEmbedder implements Embedder {
  readonly modelId: string;
  readonly dimensions: number;
  readonly maxTokens = 512;
  readonly queryPrefix = '';
  readonly passagePrefix = '';
  /** Passages embedded so far (tests use it to check that unchanged files are not re-embedded). */
  embeddedPassages = 0;

  constructor(options: { dimensions?: number; modelId?: string } = {}) {
    this.dimensions = options.dimensions ?? 64;
    this.modelId = options.modelId ?? 'hash-embedder';
  }

  async embedQuery(text: string): Promise<Float32Array> {
    return this.embed(text);
  }

  async embedPassages(texts: string[], onProgress?: (done: number, total: number) => void): Promise<Float32Array[]> {
    const out = texts.map((t) => this.embed(t));
    this.embeddedPassages += texts.length;
    onProgress?.(texts.length, texts.length);
    return out;
  }

  countTokens(text: string): number {
    return (foldText(text).match(/[\p{L}\p{N}]+/gu)?.length ?? 0) + 2;
  }

  private embed(text: string): Float32Array {
    const v = new Float32Array(this.dimensions);
    for (const word of foldText(text).match(/[\p{L}\p{N}]+/gu) ?? []) {
      const h = createHash('md5').update(word).digest();
      v[h.readUInt32LE(0) % this.dimensions]! += h[4]! & 1 ? 1 : -1;
    }
    let norm = Math.hypot(...v);
    if (norm === 0) {
      v[0] = 1;
      norm = 1;
    }
    return v.map((x) => x / norm);
  }
}
