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

/** hnswlib's seed for the levels of inserted points: a build is reproducible. */
export const HNSW_RANDOM_SEED = 100;

/** Index size up to which the default efSearch holds; past it the candidate list grows (see {@link scaledEfSearch}). */
const EF_BASE_SIZE = 200_000;

/**
 * The default efSearch for an index of `size` vectors: 64 up to 200k, then growing as
 * size^0.43 (128 at 1M). A graph ten times larger needs a longer candidate list for the same
 * recall; measured with `BENCH_SIZES=1000000 npm run bench` (recall@10 0.976 at 1M with 64).
 */
export function scaledEfSearch(size: number): number {
  const base = DEFAULT_HNSW_PARAMS.efSearch;
  return size <= EF_BASE_SIZE ? base : Math.round(base * (size / EF_BASE_SIZE) ** 0.43);
}

/**
 * Approximate nearest neighbours over normalised vectors (hnswlib, cosine space). Labels are
 * chunk ordinals. Scores are cosine similarities: 1 − hnswlib's cosine distance.
 */
export class VectorIndex implements VectorSearcher {
  /**
   * hnswlib-node (3.x) takes vectors only as JS arrays (its addon checks IsArray and reads
   * element by element): no typed-array or batch entry point. One array is reused for every
   * call rather than a fresh Array.from per vector.
   */
  private readonly scratch: number[];
  /** The candidate list size hnswlib holds now (setting it is a native call; most searches keep it). */
  private ef: number;

  private constructor(
    private readonly index: hnswlib.HierarchicalNSW,
    readonly dimensions: number,
    private readonly params: HnswParams,
  ) {
    this.scratch = new Array<number>(dimensions).fill(0);
    this.ef = params.efSearch;
  }

  static create(dimensions: number, capacity: number, params: Partial<HnswParams> = {}): VectorIndex {
    const p = { ...DEFAULT_HNSW_PARAMS, ...params };
    const index = new hnswlib.HierarchicalNSW('cosine', dimensions);
    index.initIndex(Math.max(1, capacity), p.m, p.efConstruction, HNSW_RANDOM_SEED);
    if (params.efSearch === undefined) p.efSearch = scaledEfSearch(capacity);
    index.setEf(p.efSearch);
    return new VectorIndex(index, dimensions, p);
  }

  static async load(file: string, dimensions: number, params: Partial<HnswParams> = {}): Promise<VectorIndex> {
    const p = { ...DEFAULT_HNSW_PARAMS, ...params };
    const index = new hnswlib.HierarchicalNSW('cosine', dimensions);
    await index.readIndex(file);
    if (params.efSearch === undefined) p.efSearch = scaledEfSearch(index.getCurrentCount());
    index.setEf(p.efSearch);
    return new VectorIndex(index, dimensions, p);
  }

  get size(): number {
    return this.index.getCurrentCount();
  }

  add(vector: Float32Array, doc: number): void {
    this.index.addPoint(this.toArray(vector), doc);
  }

  /** Adds `vectors[i]` as doc `firstDoc + i`, in order. */
  addAll(vectors: readonly Float32Array[], firstDoc = 0): void {
    for (let i = 0; i < vectors.length; i++) this.index.addPoint(this.toArray(vectors[i]!), firstDoc + i);
  }

  search(vector: Float32Array, k: number): VectorHit[] {
    const n = Math.min(Math.floor(k), this.size);
    if (n < 1) return [];
    const ef = Math.max(this.params.efSearch, n);
    if (ef !== this.ef) {
      this.index.setEf(ef);
      this.ef = ef;
    }
    const { neighbors, distances } = this.index.searchKnn(this.toArray(vector), n);
    return neighbors.map((doc, i) => ({ doc, score: 1 - (distances[i] ?? 1) }));
  }

  /** The stored vector of a chunk (normalised), to carry it into the next build unchanged. */
  getVector(doc: number): Float32Array {
    return Float32Array.from(this.index.getPoint(doc));
  }

  async save(file: string): Promise<void> {
    await this.index.writeIndex(file);
  }

  /** `vector` copied into the reused array hnswlib-node reads (it copies again into native memory). */
  private toArray(vector: Float32Array): number[] {
    const out = this.scratch;
    if (vector.length !== out.length)
      throw new Error(`Expected a ${out.length}-dimensional vector, got ${vector.length}.`);
    for (let i = 0; i < out.length; i++) out[i] = vector[i]!;
    return out;
  }
}
