/**
 * Mean pooling over the attention mask, then L2 normalisation: one vector per row of a
 * `[batch, tokens, dimensions]` hidden state. The arithmetic is transformers.js's own
 * (`mean_pooling`, then `normalize(2, -1)`): each dimension summed in float64 over the row's
 * real tokens in token order, divided by their count, then rounded to float32; the norm's
 * squares summed in float32. So vectors are identical to the pipeline's, bit for bit. The
 * library reads every element through its Tensor and converts each mask value from a BigInt
 * once per dimension; here the row's real tokens are found once, and eight dimensions are
 * summed at a time down the tokens, in local variables (the order of each sum is unchanged).
 * With a small model, pooling reads as much memory as the forward pass writes, so its speed
 * matters. `mask` is `[batch, tokens]`, 1 for a real token.
 */
export function meanPoolNormalized(
  hidden: Float32Array,
  dims: readonly number[],
  mask: ArrayLike<bigint | number>,
): Float32Array[] {
  const [batch = 0, tokens = 0, width = 0] = dims;
  const starts = new Int32Array(tokens);
  const out: Float32Array[] = [];
  for (let row = 0; row < batch; row++) {
    // Where each real token's hidden vector starts.
    let count = 0;
    for (let t = 0; t < tokens; t++)
      if (Number(mask[row * tokens + t]) !== 0) starts[count++] = (row * tokens + t) * width;
    const vector = new Float32Array(width);
    let d = 0;
    for (; d + 8 <= width; d += 8) {
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let s4 = 0;
      let s5 = 0;
      let s6 = 0;
      let s7 = 0;
      for (let i = 0; i < count; i++) {
        const at = starts[i]! + d;
        s0 += hidden[at]!;
        s1 += hidden[at + 1]!;
        s2 += hidden[at + 2]!;
        s3 += hidden[at + 3]!;
        s4 += hidden[at + 4]!;
        s5 += hidden[at + 5]!;
        s6 += hidden[at + 6]!;
        s7 += hidden[at + 7]!;
      }
      // Divided in float64, then rounded to float32 on the store, as the library does.
      vector[d] = s0 / count;
      vector[d + 1] = s1 / count;
      vector[d + 2] = s2 / count;
      vector[d + 3] = s3 / count;
      vector[d + 4] = s4 / count;
      vector[d + 5] = s5 / count;
      vector[d + 6] = s6 / count;
      vector[d + 7] = s7 / count;
    }
    for (; d < width; d++) {
      let s = 0;
      for (let i = 0; i < count; i++) s += hidden[starts[i]! + d]!;
      vector[d] = s / count;
    }
    // In place, as transformers.js does it: squares summed in float32, divided by (sum ** 0.5).
    let squares = 0;
    for (let k = 0; k < width; k++) squares = Math.fround(squares + vector[k]! ** 2);
    const norm = Math.fround(squares ** 0.5);
    for (let k = 0; k < width; k++) vector[k] = vector[k]! / norm;
    out.push(vector);
  }
  return out;
}
