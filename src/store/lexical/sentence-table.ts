import { PolicybotError } from '../../errors.ts';
import { cueCode } from '../../lib/sentence-cue-codes.ts';
import { cueText } from '../../lib/sentence-cues.ts';
import { splitSentences } from '../../lib/split-sentences.ts';
import { VarintReader, VarintWriter } from './varint.ts';

/**
 * Each passage's sentences as the answer cues read them, worked out once when the index is
 * built: per passage its sentence count, then per sentence the gap from the previous sentence's
 * end to its start, its length and its cue code (sentence-cue-codes.ts: how strongly it carries
 * each kind of answer), as varints. The answer cues of a question then read a passage's
 * sentences here instead of splitting and folding its text (the top 20 passages of every
 * question that asks for a kind of answer, most of them new to a cache).
 */
export interface SentenceTable {
  /** doc → offset of its first byte in `bytes`; length docCount + 1. */
  offsets: Uint32Array;
  bytes: Uint8Array;
}

/** A passage's sentences: sentence i spans [bounds[2i], bounds[2i + 1]) of its text, with cue code codes[i]. */
export interface PassageSentences {
  bounds: Uint32Array;
  codes: Uint16Array;
}

/** Past 4 GiB the offsets would wrap. */
const MAX_BYTES = 0xffffffff;

/** The sentence table of passages with these texts (splitSentences of each, as cue-sentences.ts splits them). */
export function encodeSentences(texts: readonly string[]): SentenceTable {
  const offsets = new Uint32Array(texts.length + 1);
  const out = new VarintWriter(texts.length * 16);
  texts.forEach((text, doc) => {
    const spans = splitSentences(text);
    out.varint(spans.length);
    let end = 0;
    for (const span of spans) {
      out.varint(span.start - end);
      out.varint(span.end - span.start);
      out.varint(cueCode(cueText(text.slice(span.start, span.end))));
      end = span.end;
    }
    if (out.length > MAX_BYTES) {
      throw new PolicybotError('INDEX_BUILD_FAILED', 'The corpus has too many sentences for one lexical index.');
    }
    offsets[doc + 1] = out.length;
  });
  return { offsets, bytes: out.finish() };
}

/** The sentences of passage `doc`; throws RangeError when its bytes do not decode. */
export function readSentences(table: SentenceTable, doc: number): PassageSentences {
  const reader = new VarintReader(table.bytes, table.offsets[doc]!);
  const count = reader.varint();
  const end = table.offsets[doc + 1]!;
  // Three varints of at least a byte each: a count the bytes cannot hold is damage.
  if (count * 3 > end - reader.at) throw new RangeError(`Passage ${doc} has a sentence count past its bytes.`);
  const bounds = new Uint32Array(count * 2);
  const codes = new Uint16Array(count);
  let at = 0;
  for (let i = 0; i < count; i++) {
    bounds[2 * i] = at += reader.varint();
    bounds[2 * i + 1] = at += reader.varint();
    codes[i] = reader.varint();
  }
  if (reader.at !== end) throw new RangeError(`Passage ${doc}'s sentences do not end where its bytes do.`);
  return { bounds, codes };
}
