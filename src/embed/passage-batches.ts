/** Passages tokenized and sorted by length together, so batches hold passages of similar length. */
const SORT_WINDOW_BATCHES = 16;
/**
 * What starting one more batch costs, in padded token positions: its forward pass's own
 * overhead (the call, its tensors, the reply), against the positions padding would add.
 */
const BATCH_COST_TOKENS = 64;

/** One batch of a passage embedding: which passages (indexes into the call's texts) and their token ids. */
export interface PassageBatch {
  rows: number[];
  lists: ArrayLike<number>[];
}

/**
 * The batches that `count` passages are embedded in, in order: passages are taken a window
 * of 16 batches at a time (tokenized with `encode` as the window is reached), sorted by
 * token count within it (ties in passage order), and cut into batches of at most `batchSize`
 * where the model runs over the fewest positions (see cutSorted): a batch is padded to its
 * longest passage, and the model runs over the padding as over the text. The same batches on
 * this thread and on the passage thread, from the passages alone: a batch's padded width is
 * part of its arithmetic.
 */
export function* passageBatches(
  count: number,
  encode: (index: number) => ArrayLike<number>,
  batchSize: number,
): Generator<PassageBatch> {
  const window = batchSize * SORT_WINDOW_BATCHES;
  for (let start = 0; start < count; start += window) {
    const end = Math.min(count, start + window);
    const lists: ArrayLike<number>[] = [];
    for (let i = start; i < end; i++) lists.push(encode(i));
    const order = lists.map((_, i) => i).sort((a, b) => lists[a]!.length - lists[b]!.length || a - b);
    let from = 0;
    for (const size of cutSorted(
      order.map((row) => lists[row]!.length),
      batchSize,
    )) {
      const rows = order.slice(from, from + size);
      from += size;
      yield { rows: rows.map((row) => start + row), lists: rows.map((row) => lists[row]!) };
    }
  }
}

/**
 * The sizes of the batches (at most `batchSize` each, in order) that passages of `lengths`
 * tokens, sorted shortest first, are cut into: the cut with the fewest padded positions (each
 * batch's size × its last, longest, passage's length) plus BATCH_COST_TOKENS a batch, found
 * exactly (dynamic programming over where the last batch starts). Lengths that are all alike
 * give full batches; a few short passages among long ones get a batch of their own.
 */
export function cutSorted(lengths: readonly number[], batchSize: number): number[] {
  const n = lengths.length;
  // best[start]: the cost of cutting lengths[start…]; to[start]: where its first batch ends.
  const best = new Float64Array(n + 1);
  const to = new Int32Array(n + 1);
  for (let start = n - 1; start >= 0; start--) {
    best[start] = Infinity;
    for (let end = Math.min(n, start + batchSize); end > start; end--) {
      const cost = best[end]! + lengths[end - 1]! * (end - start) + BATCH_COST_TOKENS;
      // Ties go to the larger batch (tried first), so alike lengths fill the first batches.
      if (cost < best[start]!) {
        best[start] = cost;
        to[start] = end;
      }
    }
  }
  const sizes: number[] = [];
  for (let start = 0; start < n; start = to[start]!) sizes.push(to[start]! - start);
  return sizes;
}

/** A batch's tokens and the positions the model runs over: each list padded (or cut) to the batch's width, at most `maxLength`. */
export function batchPositions(
  lists: readonly ArrayLike<number>[],
  maxLength: number,
): [tokens: number, positions: number] {
  let tokens = 0;
  let width = 0;
  for (const list of lists) {
    const length = Math.min(list.length, maxLength);
    tokens += length;
    width = Math.max(width, length);
  }
  return [tokens, width * lists.length];
}
