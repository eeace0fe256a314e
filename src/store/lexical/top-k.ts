import type { LexicalHit } from '../types.ts';

/**
 * The `k` best of `candidates` by `scores[doc]`, best first, ties broken by the lower doc.
 * A bounded min-heap keeps the worst of the current best k at its root, so selection costs
 * O(n log k) and never sorts every scored document.
 */
export function selectTopK(
  scores: Float32Array,
  candidates: ArrayLike<number>,
  count: number,
  k: number,
): LexicalHit[] {
  const size = Math.min(k, count);
  if (size <= 0) return [];
  const heap = new Uint32Array(size);
  let filled = 0;
  for (let i = 0; i < count; i++) {
    const doc = candidates[i]!;
    if (filled < size) {
      heap[filled] = doc;
      _siftUp(heap, filled++, scores);
    } else if (_worse(heap[0]!, doc, scores)) {
      heap[0] = doc;
      _siftDown(heap, size, scores);
    }
  }
  const hits: LexicalHit[] = [];
  for (let i = 0; i < filled; i++) hits.push({ doc: heap[i]!, score: scores[heap[i]!]! });
  return hits.sort((a, b) => b.score - a.score || a.doc - b.doc);
}

/** True when `a` ranks below `b`: a lower score, or the same score and a higher doc. */
function _worse(a: number, b: number, scores: Float32Array): boolean {
  const sa = scores[a]!;
  const sb = scores[b]!;
  return sa < sb || (sa === sb && a > b);
}

function _siftUp(heap: Uint32Array, at: number, scores: Float32Array): void {
  let i = at;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (!_worse(heap[i]!, heap[parent]!, scores)) break;
    [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
    i = parent;
  }
}

function _siftDown(heap: Uint32Array, size: number, scores: Float32Array): void {
  let i = 0;
  for (;;) {
    const left = 2 * i + 1;
    const right = left + 1;
    let worst = i;
    if (left < size && _worse(heap[left]!, heap[worst]!, scores)) worst = left;
    if (right < size && _worse(heap[right]!, heap[worst]!, scores)) worst = right;
    if (worst === i) return;
    [heap[i], heap[worst]] = [heap[worst]!, heap[i]!];
    i = worst;
  }
}

/** The heap of {@link kthLargestScore}, reused (searching is synchronous; only [0, k) is read). */
let kthHeap = new Float32Array(128);

/**
 * The `k`-th largest of `scores[candidates[i]]` for i < `count`, or `floor` when fewer than
 * `k` of them exceed `floor` (so: the larger of `floor` and the k-th largest; `floor` 0 gives
 * the k-th largest of positive scores). A bounded min-heap of the scores above the floor:
 * most candidates cost one comparison.
 */
export function kthLargestScore(
  scores: Float32Array,
  candidates: ArrayLike<number>,
  count: number,
  k: number,
  floor = 0,
): number {
  if (k < 1 || count < k) return floor;
  if (kthHeap.length < k) kthHeap = new Float32Array(2 * k);
  const heap = kthHeap;
  let size = 0;
  let i = 0;
  for (; i < count && size < k; i++) {
    const v = scores[candidates[i]!]!;
    if (v <= floor) continue;
    let at = size++;
    heap[at] = v;
    while (at > 0 && heap[(at - 1) >> 1]! > heap[at]!) {
      const parent = (at - 1) >> 1;
      [heap[at], heap[parent]] = [heap[parent]!, heap[at]!];
      at = parent;
    }
  }
  if (size < k) return floor;
  for (; i < count; i++) {
    const v = scores[candidates[i]!]!;
    if (v <= heap[0]!) continue;
    heap[0] = v;
    let at = 0;
    for (;;) {
      const l = 2 * at + 1;
      const r = l + 1;
      let least = at;
      if (l < k && heap[l]! < heap[least]!) least = l;
      if (r < k && heap[r]! < heap[least]!) least = r;
      if (least === at) break;
      [heap[at], heap[least]] = [heap[least]!, heap[at]!];
      at = least;
    }
  }
  return heap[0]!;
}
