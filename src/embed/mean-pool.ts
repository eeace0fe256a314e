/**
 * Mean pooling over the attention mask, then L2 normalisation: one vector per row of a
 * `[batch, tokens, dimensions]` hidden state. The arithmetic is transformers.js's own
 * (`mean_pooling`, then `normalize(2, -1)`): each dimension summed in float64 over the row's
 * real tokens in token order, divided by their count, then rounded to float32; the norm's
 * squares summed in float32. So vectors are identical to the pipeline's, bit for bit. The
 * library reads every element through its Tensor and converts each mask value from a BigInt
 * once per dimension; here the row's real tokens are found once, and their hidden vectors are
 * read whole, eight tokens at a time, into float64 sums: each sum still takes the tokens one
 * after the other (`sum + a + b + …` adds from the left), so its order is unchanged. Eight tokens
 * at a time (rows one at a time) read each sum once per eight tokens: about a third faster than eight dimensions at
 * a time down the tokens, or one token at a time (32 × 256 × 384, ragged rows, memory not in
 * cache). With a small model, pooling reads as much memory as the forward pass writes, so its
 * speed matters. `mask` is `[batch, tokens]`, 1 for a real token.
 */
export function meanPoolNormalized(
  hidden: Float32Array,
  dims: readonly number[],
  mask: ArrayLike<bigint | number>,
): Float32Array[] {
  const [batch = 0, tokens = 0, width = 0] = dims;
  const starts = new Int32Array(tokens);
  const sums = new Float64Array(width);
  const out: Float32Array[] = [];
  for (let row = 0; row < batch; row++) {
    // Where each real token's hidden vector starts.
    let count = 0;
    for (let t = 0; t < tokens; t++)
      if (Number(mask[row * tokens + t]) !== 0) starts[count++] = (row * tokens + t) * width;
    sums.fill(0);
    let i = 0;
    for (; i + 8 <= count; i += 8) {
      const a = starts[i]!;
      const b = starts[i + 1]!;
      const c = starts[i + 2]!;
      const d = starts[i + 3]!;
      const e = starts[i + 4]!;
      const f = starts[i + 5]!;
      const g = starts[i + 6]!;
      const h = starts[i + 7]!;
      for (let k = 0; k < width; k++)
        sums[k] =
          sums[k]! +
          hidden[a + k]! +
          hidden[b + k]! +
          hidden[c + k]! +
          hidden[d + k]! +
          hidden[e + k]! +
          hidden[f + k]! +
          hidden[g + k]! +
          hidden[h + k]!;
    }
    for (; i < count; i++) {
      const a = starts[i]!;
      for (let k = 0; k < width; k++) sums[k] = sums[k]! + hidden[a + k]!;
    }
    const vector = new Float32Array(width);
    // Divided in float64, then rounded to float32 on the store, as the library does.
    for (let k = 0; k < width; k++) vector[k] = sums[k]! / count;
    out.push(normalizeInPlace(vector));
  }
  return out;
}

/**
 * L2 normalisation in place, as transformers.js's `normalize(2, -1)` does it: squares summed in
 * float32, each value divided by the sum's square root.
 */
export function normalizeInPlace(vector: Float32Array): Float32Array {
  let squares = 0;
  for (let k = 0; k < vector.length; k++) squares = Math.fround(squares + vector[k]! ** 2);
  const norm = Math.fround(squares ** 0.5);
  for (let k = 0; k < vector.length; k++) vector[k] = vector[k]! / norm;
  return vector;
}
