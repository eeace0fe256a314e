import type { Block } from '../types.ts';

/**
 * The longest block handed to the chunker, in characters. A paragraph longer than this (a
 * file that is one huge line, a table dumped as one run) is cut into pieces first, so the
 * chunker's per-paragraph work (sentences, words, token counts) stays bounded in memory and
 * time however long the paragraph is. Far above any real paragraph.
 */
export const MAX_BLOCK_CHARS = 16_000;

/** Where a cut prefers to fall: after a sentence end, else at a space. */
const SENTENCE_END = /[.!?;:]["'”’)\]]*\s/g;

/**
 * `blocks` with every block longer than `maxChars` cut into consecutive pieces of at most that
 * length, at a sentence end near the limit when there is one, else at the last space, else
 * (one unbroken run of letters) at the limit itself, never inside a surrogate pair. Pieces keep
 * the block's kind; an over-long "heading" is body text. Linear in the text's length.
 */
export function boundBlocks(text: string, blocks: readonly Block[], maxChars = MAX_BLOCK_CHARS): Block[] {
  if (blocks.every((b) => b.end - b.start <= maxChars)) return [...blocks];
  const out: Block[] = [];
  for (const block of blocks) {
    if (block.end - block.start <= maxChars) {
      out.push(block);
      continue;
    }
    const kind = block.kind === 'heading' ? 'paragraph' : block.kind;
    let start = block.start;
    while (start < block.end) {
      const end = block.end - start <= maxChars ? block.end : cutPoint(text, start, start + maxChars);
      out.push({ kind, start, end });
      start = end;
      while (start < block.end && isSpace(text.charCodeAt(start))) start++;
    }
  }
  return out;
}

function cutPoint(text: string, start: number, limit: number): number {
  const floor = start + Math.floor((limit - start) / 2);
  const window = text.slice(floor, limit);
  let sentence = -1;
  SENTENCE_END.lastIndex = 0;
  for (let m = SENTENCE_END.exec(window); m; m = SENTENCE_END.exec(window)) sentence = m.index + m[0].length - 1;
  if (sentence > 0) return floor + sentence;
  for (let i = limit; i > floor; i--) if (isSpace(text.charCodeAt(i))) return i;
  const code = text.charCodeAt(limit - 1);
  return code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit;
}

function isSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || code === 0xa0 || code === 0x3000;
}
