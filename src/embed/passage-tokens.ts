import type { CountWords } from '../types.ts';
import { TokenIdCache } from './token-ids.ts';
import { type TokenEncoder, tokenEncoder } from './word-ids.ts';

/**
 * Token ids kept from chunk sizing for embedding (16 MB as int32): the chunks of a large corpus
 * (tens of thousands of passages) are embedded without tokenizing them again.
 */
const MAX_CACHED_IDS = 4_000_000;

/**
 * A text's tokens counted and encoded once: the chunker counts each passage as it will be
 * embedded, and the ids counted are kept (a bounded number) for its embedding. Encoding is the
 * tokenizer's `encode` (special tokens added, no truncation), word by word where that gives
 * the same ids (see tokenEncoder).
 */
export class PassageTokens {
  private readonly ids = new TokenIdCache(MAX_CACHED_IDS);
  private readonly encoder: TokenEncoder;

  /** `stats.idsReused` counts the texts encoded from ids kept from counting. */
  constructor(
    tokenizer: Parameters<typeof tokenEncoder>[0],
    private readonly stats: { idsReused: number },
  ) {
    this.encoder = tokenEncoder(tokenizer);
  }

  /** Tokens the model sees for `text`, special tokens included. */
  count(text: string): number {
    if (this.encoder.countsWithoutIds) {
      // A passage is counted as it will be embedded: its context line, a line break, its text
      // (formatEmbeddingInput). A text without a line break (a word, a sentence, most
      // paragraphs, which chunk sizing counts on the way) is counted without making its ids.
      if (text.indexOf('\n') < 0) return this.encoder.count(text);
      const ids = this.encoder.encode(text);
      this.ids.remember(text, ids);
      return ids.length;
    }
    // Chunk sizing counts the same words and sentences again and again (a long sentence word by
    // word, a paragraph then its sentences): a text seen before is not tokenized again.
    const known = this.ids.recall(text);
    if (known) return known.length;
    // encode() adds [CLS]/[SEP] (or the model's equivalents) and does not truncate.
    const ids = this.encoder.encode(text);
    this.ids.remember(text, ids);
    return ids.length;
  }

  /** count() word by word, where the tokenizer is encoded word by word (see Embedder.countWords). */
  get countWords(): CountWords | undefined {
    return this.encoder.countWords;
  }

  /** The text's token ids, special tokens included: remembered from counting, or tokenized now. */
  encode(text: string): ArrayLike<number> {
    const remembered = this.ids.recall(text);
    if (!remembered) return this.encoder.encode(text);
    this.stats.idsReused++;
    return remembered;
  }
}
