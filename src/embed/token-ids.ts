import { Tensor } from '@xenova/transformers';

/**
 * Token ids of texts already tokenized (for chunk sizing), so embedding the same text does not
 * tokenize it again. Bounded by the number of ids held; the oldest texts go first. Chunking
 * counts sentences and candidate chunks before the final one, so most entries are never
 * embedded: the bound keeps them from piling up over a large corpus.
 */
export class TokenIdCache {
  private readonly entries = new Map<string, Int32Array>();
  private held = 0;

  constructor(private readonly maxIds: number) {}

  /** Remembers `ids` for `text`; an Int32Array is kept as it is (the caller must not change it afterwards). */
  remember(text: string, ids: ArrayLike<number>): void {
    if (ids.length > this.maxIds || this.entries.has(text)) return;
    this.entries.set(text, ids instanceof Int32Array ? ids : Int32Array.from(ids));
    this.held += ids.length;
    if (this.held <= this.maxIds) return;
    for (const [oldest, old] of this.entries) {
      if (this.held <= this.maxIds) break;
      this.entries.delete(oldest);
      this.held -= old.length;
    }
  }

  recall(text: string): Int32Array | undefined {
    return this.entries.get(text);
  }
}

/** The model inputs of one batch, as the tokenizer's own padded, truncated call returns them. */
export interface BatchInputs {
  input_ids: Tensor;
  attention_mask: Tensor;
  token_type_ids?: Tensor;
}

/** The part of a transformers.js tokenizer that decides how its batches are padded. */
interface PaddingTokenizer {
  model_max_length: number;
  pad_token_id?: number | bigint | null;
}

/** How `tokenizer(texts, { padding: true, truncation: true })` pads and truncates: the options of {@link batchInputs}. */
export function batchOptionsOf(tokenizer: PaddingTokenizer): BatchOptions {
  return {
    maxLength: tokenizer.model_max_length,
    padId: Number(tokenizer.pad_token_id ?? 0),
    tokenTypeIds: Boolean((tokenizer as { return_token_type_ids?: boolean }).return_token_type_ids),
    padLeft: (tokenizer as { padding_side?: string }).padding_side === 'left',
  };
}

export interface BatchOptions {
  maxLength: number;
  padId: number;
  tokenTypeIds: boolean;
  padLeft?: boolean;
}

/**
 * Pads (with `padId`, on the right unless `padLeft`) or truncates (keeping the first `maxLength` ids, as
 * transformers.js does) each id list to the batch's longest, capped at `maxLength`, and
 * writes the int64 tensors the model reads straight from the ids: what
 * `tokenizer(texts, { padding: true, truncation: true })` returns, without its per-element
 * array copies and BigInt conversions.
 */
export function batchInputs(lists: readonly ArrayLike<number>[], options: BatchOptions): BatchInputs {
  let width = 0;
  for (const ids of lists) width = Math.max(width, ids.length);
  width = Math.min(width, options.maxLength);
  const ids = new BigInt64Array(lists.length * width);
  const mask = new BigInt64Array(lists.length * width);
  const pad = BigInt(options.padId);
  for (const [row, list] of lists.entries()) {
    const n = Math.min(list.length, width);
    // Padding goes after the ids, or before them for a tokenizer that pads on the left.
    const at = row * width + (options.padLeft ? width - n : 0);
    for (let i = 0; i < n; i++) {
      ids[at + i] = BigInt(list[i]!);
      mask[at + i] = 1n;
    }
    if (pad !== 0n && options.padLeft) ids.fill(pad, row * width, at);
    else if (pad !== 0n) ids.fill(pad, at + n, (row + 1) * width);
  }
  const dims = [lists.length, width];
  return {
    input_ids: new Tensor('int64', ids, dims),
    attention_mask: new Tensor('int64', mask, dims),
    ...(options.tokenTypeIds
      ? { token_type_ids: new Tensor('int64', new BigInt64Array(lists.length * width), dims) }
      : {}),
  };
}
