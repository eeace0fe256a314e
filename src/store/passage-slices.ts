/**
 * Passages embedded per call, at most: as many as the embedder sorts by length at a time by
 * default (32 × 16), so its batches are the same as in one call.
 */
export const SLICE = 512;
/** The first slice: one batch, so the model starts once a few passages are parsed. */
const FIRST_SLICE = 32;
/**
 * The build's last slices, from the very last back: a slice's vectors go to the graph once all
 * are embedded, so the last ones are small, each half the one before.
 */
const LAST_SLICES = [32, 64, 128, 256];
/**
 * Passages held back behind each slice of {@link SLICE} but the first: however the corpus
 * ends, such a slice is followed by at least this many, and the graph, which takes a slice's
 * vectors once all are embedded and inserts them about twice as fast as the model embeds, has
 * them in by the time those are embedded.
 */
const RESERVE = SLICE / 2;

/**
 * Where a build cuts the passages it embeds into slices (one embedPassages call each), in doc
 * order: the first of 32, each next twice the last up to {@link SLICE}, from the second slice of
 * 512 on once {@link RESERVE} more passages are parsed behind it; what is left once parsing is
 * over ends in slices of 256, 128, 64 and 32 where there are enough, so what is left for the
 * graph after the last forward pass is a small slice's inserts. The first slice of 512 is not
 * held back: it follows the first slices at once, while the model may still be as fast as the
 * parsing; later ones come when the parsing is further ahead. The cuts depend only on how many
 * passages come, never on timing: a batch's padded width is part of its arithmetic, so the same
 * corpus must get the same batches.
 */
export class PassageSlices {
  private size = FIRST_SLICE;
  private full = 0;

  /** While parsing, with `waiting` passages not yet sent: the slices to send now, in order. */
  cut(waiting: number): number[] {
    const slices: number[] = [];
    const held = () => (this.size === SLICE && this.full > 0 ? RESERVE : 0);
    for (let left = waiting; left >= this.size + held(); left -= slices.at(-1)!) {
      slices.push(this.size);
      if (this.size === SLICE) this.full++;
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
