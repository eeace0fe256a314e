import { readFile, writeFile } from 'node:fs/promises';
import { endianness } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { PolicybotError } from '../../errors.ts';
import type { ForwardIndex } from './forward-index.ts';
import { LEXICAL_FIELDS, LEXICAL_OPTIONS_SCHEMA, type LexicalOptions } from './lexical-options.ts';
import type { Postings } from './postings.ts';

/**
 * Bumped whenever the lexical files change layout or the analyzer changes its output.
 * 2: language-aware analysis (Vietnamese syllables and pairs, CJK bigrams).
 * 3: each passage's term ids (the forward index) are stored too.
 * 4: no Vietnamese syllable pairs with a digit ("khoan 2", "nam 2015").
 */
export const LEXICAL_FORMAT_VERSION = 4;

/** The JSON header; the other `lexical.*` files are raw little-endian typed arrays. */
export const LEXICAL_HEADER_FILE = 'lexical.json';

const REBUILD_HINT = 'Run `npm run ingest` to rebuild the index.';

const FILES = {
  terms: 'lexical.terms.txt',
  df: 'lexical.df.u32',
  offsets: 'lexical.offsets.u32',
  docs: 'lexical.docs.u32',
  tfs: 'lexical.tfs.u16',
  lengths: 'lexical.lengths.u32',
  forwardOffsets: 'lexical.forward-offsets.u32',
  forward: 'lexical.forward.varint',
} as const;

const HEADER_SCHEMA = z.object({
  formatVersion: z.number().int(),
  byteOrder: z.literal('LE'),
  options: LEXICAL_OPTIONS_SCHEMA,
  docCount: z.number().int().nonnegative(),
  termCount: z.number().int().nonnegative(),
  postingCount: z.number().int().nonnegative(),
  fieldCount: z.number().int().positive(),
  forwardBytes: z.number().int().nonnegative(),
});

type Header = z.infer<typeof HEADER_SCHEMA>;

/**
 * Writes the index as `lexical.*` files in `dir`: the typed arrays as they lie in memory and
 * the terms one per line (terms never contain a line break). The header goes last, so an
 * interrupted write leaves no header and a load fails instead of reading half a file.
 */
export async function saveLexical(
  dir: string,
  postings: Postings,
  forward: ForwardIndex,
  options: LexicalOptions,
): Promise<void> {
  if (endianness() !== 'LE') {
    throw new PolicybotError(
      'INDEX_BUILD_FAILED',
      'The lexical index is stored little-endian; this machine is big-endian.',
    );
  }
  const header: Header = {
    formatVersion: LEXICAL_FORMAT_VERSION,
    byteOrder: 'LE',
    options,
    docCount: postings.docCount,
    termCount: postings.terms.length,
    postingCount: postings.docs.length,
    fieldCount: LEXICAL_FIELDS.length,
    forwardBytes: forward.bytes.length,
  };
  const bytes = (a: Uint32Array | Uint16Array | Uint8Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  await Promise.all([
    writeFile(join(dir, FILES.terms), postings.terms.join('\n')),
    writeFile(join(dir, FILES.df), bytes(postings.df)),
    writeFile(join(dir, FILES.offsets), bytes(postings.offsets)),
    writeFile(join(dir, FILES.docs), bytes(postings.docs)),
    writeFile(join(dir, FILES.tfs), bytes(postings.tfs)),
    writeFile(join(dir, FILES.lengths), bytes(postings.lengths)),
    writeFile(join(dir, FILES.forwardOffsets), bytes(forward.offsets)),
    writeFile(join(dir, FILES.forward), bytes(forward.bytes)),
  ]);
  await writeFile(join(dir, LEXICAL_HEADER_FILE), `${JSON.stringify(header, null, 2)}\n`);
}

/** Reads what {@link saveLexical} wrote; refuses another format version or sizes that disagree. */
export async function loadLexical(
  dir: string,
): Promise<{ postings: Postings; forward: ForwardIndex; options: LexicalOptions }> {
  const header = await _readHeader(dir);
  const fieldCount = LEXICAL_FIELDS.length;
  if (header.fieldCount !== fieldCount) _corrupt(dir, `it has ${header.fieldCount} fields, expected ${fieldCount}`);
  const read = (name: string) => readFile(join(dir, name)).catch((error: unknown) => _missing(dir, name, error));
  const [termText, df, offsets, docs, tfs, lengths, forwardOffsets, forwardBytes] = await Promise.all([
    read(FILES.terms).then((b) => b.toString('utf8')),
    read(FILES.df).then((b) => _u32(b, header.termCount, dir, FILES.df)),
    read(FILES.offsets).then((b) => _u32(b, header.termCount * fieldCount + 1, dir, FILES.offsets)),
    read(FILES.docs).then((b) => _u32(b, header.postingCount, dir, FILES.docs)),
    read(FILES.tfs).then((b) => _u16(b, header.postingCount, dir, FILES.tfs)),
    read(FILES.lengths).then((b) => _u32(b, header.docCount * fieldCount, dir, FILES.lengths)),
    read(FILES.forwardOffsets).then((b) => _u32(b, header.docCount + 1, dir, FILES.forwardOffsets)),
    read(FILES.forward).then((b) => _u8(b, header.forwardBytes, dir, FILES.forward)),
  ]);
  const terms = header.termCount === 0 ? [] : termText.split('\n');
  if (terms.length !== header.termCount)
    _corrupt(dir, `${FILES.terms} has ${terms.length} terms, expected ${header.termCount}`);
  if (offsets[offsets.length - 1] !== header.postingCount)
    _corrupt(dir, `${FILES.offsets} does not end at the posting count`);
  if (forwardOffsets[header.docCount] !== header.forwardBytes || !_ascending(forwardOffsets)) {
    _corrupt(dir, `${FILES.forwardOffsets} does not run in order up to the forward index's size`);
  }
  return {
    postings: { docCount: header.docCount, terms, df, offsets, docs, tfs, lengths },
    forward: { offsets: forwardOffsets, bytes: forwardBytes },
    options: header.options,
  };
}

async function _readHeader(dir: string): Promise<Header> {
  const path = join(dir, LEXICAL_HEADER_FILE);
  const text = await readFile(path, 'utf8').catch((error: unknown) => _missing(dir, LEXICAL_HEADER_FILE, error));
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    _corrupt(dir, `${LEXICAL_HEADER_FILE} is not JSON`, error);
  }
  const version = (json as { formatVersion?: unknown } | null)?.formatVersion;
  if (version !== LEXICAL_FORMAT_VERSION) {
    throw new PolicybotError(
      'INDEX_INCOMPATIBLE',
      `The lexical index in ${dir} has format version ${String(version)}; this version of policybot reads version ${LEXICAL_FORMAT_VERSION}.`,
      REBUILD_HINT,
    );
  }
  const parsed = HEADER_SCHEMA.safeParse(json);
  if (!parsed.success)
    _corrupt(dir, `${LEXICAL_HEADER_FILE} is malformed (${parsed.error.issues[0]?.message ?? 'unknown'})`);
  return parsed.data;
}

/** A view on the buffer when it is aligned (the usual case for a file read), else a copy. */
function _u32(buffer: Buffer, expected: number, dir: string, name: string): Uint32Array {
  if (buffer.byteLength !== expected * 4)
    _corrupt(dir, `${name} has ${buffer.byteLength} bytes, expected ${expected * 4}`);
  if (buffer.byteOffset % 4 === 0) return new Uint32Array(buffer.buffer, buffer.byteOffset, expected);
  return new Uint32Array(new Uint8Array(buffer).buffer);
}

function _u16(buffer: Buffer, expected: number, dir: string, name: string): Uint16Array {
  if (buffer.byteLength !== expected * 2)
    _corrupt(dir, `${name} has ${buffer.byteLength} bytes, expected ${expected * 2}`);
  if (buffer.byteOffset % 2 === 0) return new Uint16Array(buffer.buffer, buffer.byteOffset, expected);
  return new Uint16Array(new Uint8Array(buffer).buffer);
}

function _ascending(values: Uint32Array): boolean {
  for (let i = 1; i < values.length; i++) if (values[i]! < values[i - 1]!) return false;
  return true;
}

function _u8(buffer: Buffer, expected: number, dir: string, name: string): Uint8Array {
  if (buffer.byteLength !== expected) _corrupt(dir, `${name} has ${buffer.byteLength} bytes, expected ${expected}`);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, expected);
}

function _missing(dir: string, name: string, cause: unknown): never {
  if ((cause as { code?: string }).code === 'ENOENT') {
    throw new PolicybotError('INDEX_MISSING', `No lexical index file ${name} in ${dir}.`, REBUILD_HINT, { cause });
  }
  throw cause;
}

function _corrupt(dir: string, detail: string, cause?: unknown): never {
  throw new PolicybotError('INDEX_CORRUPT', `The lexical index in ${dir} is damaged: ${detail}.`, REBUILD_HINT, {
    cause,
  });
}
