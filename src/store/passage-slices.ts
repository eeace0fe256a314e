/**
 * Passages embedded per call, at most: half the embedder's sort window (32 × 16), so that the
 * graph, which takes a slice's vectors once all are embedded, is never far behind the model.
 */
export const SLICE = 256;
/** The first slice: one batch, so the model starts once a few passages are parsed. */
const FIRST_SLICE = 32;
/**
 * The build's last slices, from the very last back: a slice's vectors go to the graph once all
 * are embedded, so the last ones are small.
 */
const LAST_SLICES = [32, 64, 128];

/**
 * Where a build cuts the passages it embeds into slices (one embedPassages call each), in doc
 * order: the first of 32, each next twice the last up to {@link SLICE}; what is left once
 * parsing is over ends in slices of 128, 64 and 32 where there are enough. The graph takes a
 * slice's vectors once all are embedded and inserts them while the next slices' forward passes
 * run, about twice as fast: what is left for it after the last forward pass is the last slice,
 * and at most the inserts of a slice of 256 the few passages after it did not cover. The cuts
 * depend only on how many passages come, never on timing: a batch's padded width is part of its
 * arithmetic, so the same corpus must get the same batches.
 */
export class PassageSlices {
  private size = FIRST_SLICE;

  /** While parsing, with `waiting` passages not yet sent: the slices to send now, in order. */
  cut(waiting: number): number[] {
    const slices: number[] = [];
    for (let left = waiting; left >= this.size; left -= slices.at(-1)!) {
      slices.push(this.size);
      this.size = Math.min(SLICE, this.size * 2);
    }
    return slices;
  }

  /** Parsing is over: the slices of the `waiting` passages left, the last ones 128, 64 and 32 where there are enough. */
  last(waiting: number): number[] {
    const ends: number[] = [];
    let rest = waiting;
    for (const size of LAST_SLICES) {
      if (rest <= size) break;
      ends.unshift(size);
      rest -= size;
    }
    return rest > 0 ? [rest, ...ends] : ends;
  }
}
