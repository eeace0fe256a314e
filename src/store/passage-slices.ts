/**
 * Passages embedded per call, at most: as many as the embedder sorts by length at a time by
 * default (32 × 16), so its batches are the same as in one call.
 */
export const SLICE = 512;
/** The first slice: one batch, so the model starts once a few passages are parsed. */
const FIRST_SLICE = 32;
/**
 * The build's last slices, from the very last back: a slice's vectors go to the graph once all
 * are embedded, so the last ones are small, each about half the one before.
 */
const LAST_SLICES = [32, 64, 128, 256];
/**
 * Passages held back while parsing behind each slice of {@link SLICE}: however the corpus
 * ends, a full slice is followed by at least this many (half of it), whose forward passes take
 * longer than the graph takes to insert its vectors (about half as long a passage, on the
 * fixture and on two cores: the graph is not left behind when the model is done).
 */
const RESERVE = SLICE / 2;

/**
 * Where a build cuts the passages it embeds into slices (one embedPassages call each), in doc
 * order: the first of 32, each next twice the last up to {@link SLICE}, those of 512 once
 * {@link RESERVE} more passages are parsed behind them; what is left once parsing is over ends
 * in slices of 256, 128, 64 and 32 where there are enough (the graph takes a slice's vectors
 * once all are embedded, and inserting them overlaps the forward passes of the slices after
 * it: what is left after the last forward pass is the last slice's). The cuts depend only on
 * how many passages come, never on timing: a batch's padded width is part of its arithmetic,
 * so the same corpus must get the same batches.
 */
export class PassageSlices {
  private size = FIRST_SLICE;

  /** While parsing, with `waiting` passages not yet sent: the slices to send now, in order. */
  cut(waiting: number): number[] {
    const slices: number[] = [];
    const held = () => (this.size === SLICE ? RESERVE : 0);
    for (let left = waiting; left >= this.size + held(); left -= slices.at(-1)!) {
      slices.push(this.size);
      this.size = Math.min(SLICE, this.size * 2);
    }
    return slices;
  }

  /** Parsing is over: the slices of the `waiting` passages left, the last ones 256, 128, 64 and 32 where there are enough. */
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
