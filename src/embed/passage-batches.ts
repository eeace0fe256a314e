/** Passages tokenized and sorted by length together, so batches hold passages of similar length. */
const SORT_WINDOW_BATCHES = 16;

/** One batch of a passage embedding: which passages (indexes into the call's texts) and their token ids. */
export interface PassageBatch {
  rows: number[];
  lists: ArrayLike<number>[];
}

/**
 * The batches that `count` passages are embedded in, in order: passages are taken a window
 * of 16 batches at a time (tokenized with `encode` as the window is reached), sorted by
 * token count within it (ties in passage order), and cut into batches of `batchSize`, so a
 * batch's padding (which the model runs over and pooling skips) stays short. The same
 * batches on this thread and on the passage thread: a batch's padded width is part of its
 * arithmetic.
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
    for (let i = 0; i < order.length; i += batchSize) {
      const rows = order.slice(i, i + batchSize);
      yield { rows: rows.map((row) => start + row), lists: rows.map((row) => lists[row]!) };
    }
  }
}
