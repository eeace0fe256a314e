// Ascending lists of document ordinals, as postings and search candidates hold them.

/** Below this many, the built-in sort is as quick as counting digits. */
const SMALL = 256;
const DIGIT_BITS = 11;
const RADIX = 1 << DIGIT_BITS;

/** Counts per digit value, and a second buffer for the passes; reused (searching is synchronous). */
const counts = new Uint32Array(RADIX);
let spare = new Uint32Array(1024);

/**
 * Sorts `docs[0, n)` ascending, every value below `limit`: a least-significant-digit radix
 * sort of 11-bit digits, so document ordinals below 4M take two linear passes, where a
 * comparison sort of the thousands of candidates a search may hand over costs far more.
 */
export function sortDocs(docs: Uint32Array, n: number, limit: number): void {
  if (n < SMALL) {
    docs.subarray(0, n).sort();
    return;
  }
  if (spare.length < n) spare = new Uint32Array(Math.max(n, spare.length * 2));
  const bits = Math.max(1, 32 - Math.clz32(Math.max(1, limit - 1)));
  let from: Uint32Array = docs;
  let to: Uint32Array = spare;
  for (let shift = 0; shift < bits; shift += DIGIT_BITS) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[(from[i]! >>> shift) & (RADIX - 1)]!++;
    let total = 0;
    for (let d = 0; d < RADIX; d++) {
      const c = counts[d]!;
      counts[d] = total;
      total += c;
    }
    for (let i = 0; i < n; i++) {
      const value = from[i]!;
      to[counts[(value >>> shift) & (RADIX - 1)]!++] = value;
    }
    [from, to] = [to, from];
  }
  if (from !== docs) docs.set(from.subarray(0, n));
}

/** The first index in [from, end) whose doc is ≥ `doc` (`end` if none): doubling steps, then bisection. */
export function gallop(docs: Uint32Array, from: number, end: number, doc: number): number {
  if (docs[from]! >= doc) return from;
  let low = from;
  let step = 1;
  while (low + step < end && docs[low + step]! < doc) {
    low += step;
    step *= 2;
  }
  // docs[low] < doc; the answer is in (low, high].
  let high = Math.min(low + step, end);
  while (high - low > 1) {
    const mid = (low + high) >>> 1;
    if (docs[mid]! < doc) low = mid;
    else high = mid;
  }
  return high;
}
