import { readFile, writeFile } from 'node:fs/promises';
import { endianness } from 'node:os';
import { join } from 'node:path';
import { PolicybotError } from '../../errors.ts';
import type { ForwardIndex } from './forward-index.ts';
import { decodeLists, decodePairs, encodeLists, encodePairs, narrow, widen, widthOf } from './lexical-codecs.ts';
import {
  LEXICAL_FORMAT_VERSION,
  LEXICAL_HEADER_FILE,
  type LexicalHeader,
  lexicalCorrupt,
  lexicalMissing,
  readLexicalHeader,
} from './lexical-header.ts';
import { LEXICAL_FIELDS, type LexicalOptions } from './lexical-options.ts';
import { termTexts } from './pair-table.ts';
import { decodeTfs, encodeTfs } from './posting-codecs.ts';
import type { Postings } from './postings.ts';
import type { SentenceTable } from './sentence-table.ts';

export { LEXICAL_FORMAT_VERSION, LEXICAL_HEADER_FILE } from './lexical-header.ts';

const FILES = {
  words: 'lexical.words.txt',
  pairs: 'lexical.pairs.varint',
  lists: 'lexical.lists.varint',
  docs: 'lexical.docs.bin',
  tfBits: 'lexical.tf-bits',
  tfExtra: 'lexical.tf-extra.varint',
  lengths: 'lexical.lengths.bin',
  forwardOffsets: 'lexical.forward-offsets.u32',
  forward: 'lexical.forward.varint',
  sentenceOffsets: 'lexical.sentence-offsets.u32',
  sentences: 'lexical.sentences.varint',
} as const;

/**
 * Writes the index as `lexical.*` files in `dir`, in the forms of lexical-codecs.ts and
 * posting-codecs.ts: the words one per line (no term holds a line break), the pairs as word
 * ids, list lengths and dfs as varints, documents in 16 bits when they fit, a bit per tf that is not 1, and
 * the forward index with its pairs left out, and each passage's sentences with their answer-cue
 * codes (sentence-table.ts). The header goes last, so an interrupted write
 * leaves no header and a load fails instead of reading half a file.
 */
export async function saveLexical(
  dir: string,
  postings: Postings,
  forward: ForwardIndex,
  sentences: SentenceTable,
  options: LexicalOptions,
): Promise<void> {
  if (endianness() !== 'LE') {
    throw new PolicybotError(
      'INDEX_BUILD_FAILED',
      'The lexical index is stored little-endian; this machine is big-endian.',
    );
  }
  const fieldCount = LEXICAL_FIELDS.length;
  const lists = encodeLists(postings.df, postings.offsets, fieldCount);
  const pairs = encodePairs(postings.pairs);
  // 16 bits when every document fits (loaded with one native widening copy), else the array as it is.
  const docBytes = postings.docCount <= 0x10000 ? 2 : 4;
  const tfs = encodeTfs(postings.tfs);
  const lengthBytes = widthOf(postings.lengths);
  const header: LexicalHeader = {
    formatVersion: LEXICAL_FORMAT_VERSION,
    byteOrder: 'LE',
    options,
    docCount: postings.docCount,
    termCount: postings.terms.length,
    wordCount: postings.pairs.wordCount,
    postingCount: postings.docs.length,
    fieldCount,
    listBytes: lists.length,
    pairBytes: pairs.length,
    docBytes,
    tfExtraBytes: tfs.extra.length,
    lengthBytes,
    forwardBytes: forward.bytes.length,
    sentenceBytes: sentences.bytes.length,
  };
  const bytes = (a: Uint32Array | Uint16Array | Uint8Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  await Promise.all([
    writeFile(join(dir, FILES.words), postings.terms.slice(0, header.wordCount).join('\n')),
    writeFile(join(dir, FILES.pairs), pairs),
    writeFile(join(dir, FILES.lists), lists),
    writeFile(join(dir, FILES.docs), narrow(postings.docs, docBytes)),
    writeFile(join(dir, FILES.tfBits), tfs.bits),
    writeFile(join(dir, FILES.tfExtra), tfs.extra),
    writeFile(join(dir, FILES.lengths), narrow(postings.lengths, lengthBytes)),
    writeFile(join(dir, FILES.forwardOffsets), bytes(forward.offsets)),
    writeFile(join(dir, FILES.forward), bytes(forward.bytes)),
    writeFile(join(dir, FILES.sentenceOffsets), bytes(sentences.offsets)),
    writeFile(join(dir, FILES.sentences), bytes(sentences.bytes)),
  ]);
  await writeFile(join(dir, LEXICAL_HEADER_FILE), `${JSON.stringify(header, null, 2)}\n`);
}

/** Reads what {@link saveLexical} wrote; refuses another format version or sizes that disagree. */
export async function loadLexical(
  dir: string,
): Promise<{ postings: Postings; forward: ForwardIndex; sentences: SentenceTable; options: LexicalOptions }> {
  const header = await readLexicalHeader(dir);
  const fieldCount = LEXICAL_FIELDS.length;
  if (header.fieldCount !== fieldCount)
    lexicalCorrupt(dir, `it has ${header.fieldCount} fields, expected ${fieldCount}`);
  const read = (name: string) => readFile(join(dir, name)).catch((error: unknown) => lexicalMissing(dir, name, error));
  const { docCount, termCount, wordCount, postingCount } = header;
  const [
    wordText,
    pairBytes,
    listBytes,
    docBytes,
    tfBits,
    tfExtra,
    lengthBytes,
    forwardOffsets,
    forwardBytes,
    sentenceOffsets,
    sentenceBytes,
  ] = await Promise.all([
    read(FILES.words).then((b) => b.toString('utf8')),
    read(FILES.pairs).then((b) => _u8(b, header.pairBytes, dir, FILES.pairs)),
    read(FILES.lists).then((b) => _u8(b, header.listBytes, dir, FILES.lists)),
    read(FILES.docs).then((b) => _u8(b, postingCount * header.docBytes, dir, FILES.docs)),
    read(FILES.tfBits).then((b) => _u8(b, (postingCount + 7) >> 3, dir, FILES.tfBits)),
    read(FILES.tfExtra).then((b) => _u8(b, header.tfExtraBytes, dir, FILES.tfExtra)),
    read(FILES.lengths).then((b) => _u8(b, docCount * fieldCount * header.lengthBytes, dir, FILES.lengths)),
    read(FILES.forwardOffsets).then((b) => _u32(b, docCount + 1, dir, FILES.forwardOffsets)),
    read(FILES.forward).then((b) => _u8(b, header.forwardBytes, dir, FILES.forward)),
    read(FILES.sentenceOffsets).then((b) => _u32(b, docCount + 1, dir, FILES.sentenceOffsets)),
    read(FILES.sentences).then((b) => _u8(b, header.sentenceBytes, dir, FILES.sentences)),
  ]);
  const words = wordCount === 0 ? [] : wordText.split('\n');
  if (words.length !== wordCount)
    lexicalCorrupt(dir, `${FILES.words} has ${words.length} words, expected ${wordCount}`);
  const pairs = _decoded(dir, FILES.pairs, () => decodePairs(pairBytes, wordCount, termCount - wordCount));
  const { df, offsets } = _decoded(dir, FILES.lists, () => decodeLists(listBytes, termCount, fieldCount));
  if (offsets[offsets.length - 1] !== postingCount)
    lexicalCorrupt(dir, `${FILES.lists} does not add up to the posting count`);
  if (forwardOffsets[docCount] !== header.forwardBytes || !_ascending(forwardOffsets)) {
    lexicalCorrupt(dir, `${FILES.forwardOffsets} does not run in order up to the forward index's size`);
  }
  if (sentenceOffsets[docCount] !== header.sentenceBytes || !_ascending(sentenceOffsets)) {
    lexicalCorrupt(dir, `${FILES.sentenceOffsets} does not run in order up to the sentence table's size`);
  }
  if (header.docBytes === 1) lexicalCorrupt(dir, 'its documents are 1 byte wide');
  if (header.docBytes === 2 && docCount > 0x10000) lexicalCorrupt(dir, 'its documents do not fit in 16 bits');
  const docs = widen(docBytes, header.docBytes, postingCount, 4);
  const tfs = _decoded(dir, FILES.tfExtra, () => decodeTfs(tfBits, tfExtra, postingCount));
  const lengths = widen(lengthBytes, header.lengthBytes, docCount * fieldCount, 4);
  return {
    postings: { docCount, terms: termTexts(words, pairs), pairs, df, offsets, docs, tfs, lengths },
    forward: { offsets: forwardOffsets, bytes: forwardBytes },
    sentences: { offsets: sentenceOffsets, bytes: sentenceBytes },
    options: header.options,
  };
}

/** The result of decoding a file, or INDEX_CORRUPT if its bytes do not decode. */
function _decoded<T>(dir: string, name: string, decode: () => T): T {
  try {
    return decode();
  } catch (error) {
    if (error instanceof RangeError) lexicalCorrupt(dir, `${name} does not decode (${error.message})`, error);
    throw error;
  }
}

/** A view on the buffer when it is aligned (the usual case for a file read), else a copy. */
function _u32(buffer: Buffer, expected: number, dir: string, name: string): Uint32Array {
  if (buffer.byteLength !== expected * 4)
    lexicalCorrupt(dir, `${name} has ${buffer.byteLength} bytes, expected ${expected * 4}`);
  if (buffer.byteOffset % 4 === 0) return new Uint32Array(buffer.buffer, buffer.byteOffset, expected);
  return new Uint32Array(new Uint8Array(buffer).buffer);
}

function _ascending(values: Uint32Array): boolean {
  for (let i = 1; i < values.length; i++) if (values[i]! < values[i - 1]!) return false;
  return true;
}

function _u8(buffer: Buffer, expected: number, dir: string, name: string): Uint8Array {
  if (buffer.byteLength !== expected)
    lexicalCorrupt(dir, `${name} has ${buffer.byteLength} bytes, expected ${expected}`);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, expected);
}
