import hnswlib from 'hnswlib-node';
import type { VectorHit, VectorSearcher } from './types.ts';

/** HNSW graph parameters; see the benchmark (`npm run bench`) for how they were chosen. */
export interface HnswParams {
  /** Links per node: memory vs recall. */
  m: number;
  /** Candidate list while building: build time vs graph quality. */
  efConstruction: number;
  /** Candidate list while searching (raised to k when smaller): latency vs recall. */
  efSearch: number;
}

export const DEFAULT_HNSW_PARAMS: HnswParams = { m: 16, efConstruction: 100, efSearch: 64 };

/**
 * Approximate nearest neighbours over normalised vectors (hnswlib, cosine space). Labels are
 * chunk ordinals. Scores are cosine similarities: 1 − hnswlib's cosine distance.
 */
export class VectorIndex implements VectorSearcher {
  private constructor(
    private readonly index: hnswlib.HierarchicalNSW,
    readonly dimensions: number,
    private readonly params: HnswParams,
  ) {}

  static create(dimensions: number, capacity: number, params: Partial<HnswParams> = {}): VectorIndex {
    const p = { ...DEFAULT_HNSW_PARAMS, ...params };
    const index = new hnswlib.HierarchicalNSW('cosine', dimensions);
    index.initIndex(Math.max(1, capacity), p.m, p.efConstruction, 100);
    index.setEf(p.efSearch);
    return new VectorIndex(index, dimensions, p);
  }

  static async load(file: string, dimensions: number, params: Partial<HnswParams> = {}): Promise<VectorIndex> {
    const p = { ...DEFAULT_HNSW_PARAMS, ...params };
    const index = new hnswlib.HierarchicalNSW('cosine', dimensions);
    await index.readIndex(file);
    index.setEf(p.efSearch);
    return new VectorIndex(index, dimensions, p);
  }

  get size(): number {
    return this.index.getCurrentCount();
  }

  add(vector: Float32Array, doc: number): void {
    this.index.addPoint(Array.from(vector), doc);
  }

  search(vector: Float32Array, k: number): VectorHit[] {
    const n = Math.min(Math.floor(k), this.size);
    if (n < 1) return [];
    this.index.setEf(Math.max(this.params.efSearch, n));
    const { neighbors, distances } = this.index.searchKnn(Array.from(vector), n);
    return neighbors.map((doc, i) => ({ doc, score: 1 - (distances[i] ?? 1) }));
  }

  /** The stored vector of a chunk (normalised), to carry it into the next build unchanged. */
  getVector(doc: number): Float32Array {
    return Float32Array.from(this.index.getPoint(doc));
  }

  async save(file: string): Promise<void> {
    await this.index.writeIndex(file);
  }
}
