/**
 * Mean pooling over the attention mask, then L2 normalisation: one vector per row of a
 * `[batch, tokens, dimensions]` hidden state. The arithmetic is transformers.js's own
 * (`mean_pooling`, then `normalize(2, -1)`), so vectors are identical to the pipeline's; but
 * it reads the typed arrays directly and walks them row by row, where the library reads every
 * element through its Tensor proxy and converts each mask value from a BigInt. That cost more
 * than a small model's forward pass. `mask` is `[batch, tokens]`, 1 for a real token.
 */
export function meanPoolNormalized(
  hidden: Float32Array,
  dims: readonly number[],
  mask: ArrayLike<bigint | number>,
): Float32Array[] {
  const [batch = 0, tokens = 0, width = 0] = dims;
  const sums = new Float64Array(width);
  const out: Float32Array[] = [];
  for (let row = 0; row < batch; row++) {
    sums.fill(0);
    let count = 0;
    for (let t = 0; t < tokens; t++) {
      if (Number(mask[row * tokens + t]) === 0) continue;
      count++;
      const at = (row * tokens + t) * width;
      for (let d = 0; d < width; d++) sums[d]! += hidden[at + d]!;
    }
    const vector = new Float32Array(width);
    for (let d = 0; d < width; d++) vector[d] = sums[d]! / count;
    _normalize(vector);
    out.push(vector);
  }
  return out;
}

/** In place, as transformers.js does it: squares summed in float32, divided by (sum ** 0.5). */
function _normalize(vector: Float32Array): void {
  let squares = 0;
  for (let d = 0; d < vector.length; d++) squares = Math.fround(squares + vector[d]! ** 2);
  const norm = Math.fround(squares ** 0.5);
  for (let d = 0; d < vector.length; d++) vector[d] = vector[d]! / norm;
}
