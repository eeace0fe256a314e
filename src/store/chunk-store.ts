import { createReadStream, fstatSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { crc32 } from 'node:zlib';
import { PolicybotError } from '../errors.ts';
import type { Chunk } from '../types.ts';
import { DAMAGED_HINT, DiskChunk, openTexts, type TextSource } from './disk-chunk.ts';

/** Chunk metadata, one JSON line per chunk in ordinal order, with where its text is. */
export const CHUNKS_FILE = 'chunks.jsonl';
/** All chunk texts, UTF-8, back to back. */
export const TEXTS_FILE = 'chunks.text';

type StoredChunk = Omit<Chunk, 'text'> & { textAt: number; textBytes: number; textCrc: number };

const REBUILD = 'Run `npm run ingest` to rebuild the index.';
/** Each metadata line ends with the CRC-32 of the line before it: `…,"crc":123}`. */
const CRC_FIELD = ',"crc":';
/** Up to this size, loading reads every passage text once to check it; larger ones are checked on read only. */
export const VERIFY_TEXTS_AT_LOAD_BYTES = 32 * 1024 * 1024;
/** Passage texts are written to the file this many bytes at a time (a longer text alone). */
const TEXT_BUFFER_BYTES = 1 << 22;

/**
 * Writes chunks: metadata as JSON lines, texts into one file that is read on demand. Each
 * line carries the CRC-32 of its passage text (`textCrc`) and of its own metadata (`crc`), so
 * a damaged byte in either file is caught before the passage is ever shown.
 */
export async function saveChunks(dir: string, chunks: readonly Chunk[]): Promise<void> {
  const texts = await open(`${dir}/${TEXTS_FILE}`, 'w');
  const lines: string[] = [];
  try {
    let at = 0;
    // Texts are written into one buffer, flushed when the next does not fit: no Buffer per
    // passage and no copy to join them.
    const pending = Buffer.allocUnsafe(TEXT_BUFFER_BYTES);
    let used = 0;
    for (const chunk of chunks) {
      const size = Buffer.byteLength(chunk.text, 'utf8');
      if (used + size > pending.length && used > 0) {
        await texts.write(pending, 0, used);
        used = 0;
      }
      const bytes = size <= pending.length ? pending.subarray(used, used + size) : Buffer.from(chunk.text, 'utf8');
      if (size <= pending.length) used += pending.write(chunk.text, used, 'utf8');
      const stored: StoredChunk = {
        id: chunk.id,
        file: chunk.file,
        title: chunk.title,
        section: chunk.section,
        charStart: chunk.charStart,
        charEnd: chunk.charEnd,
        page: chunk.page,
        identifiers: chunk.identifiers,
        tokens: chunk.tokens,
        ...(chunk.boilerplate ? { boilerplate: true } : {}),
        textAt: at,
        textBytes: size,
        textCrc: crc32(bytes),
      };
      const body = JSON.stringify(stored);
      lines.push(`${body.slice(0, -1)}${CRC_FIELD}${crc32(body)}}`);
      if (size > pending.length) await texts.write(bytes);
      at += size;
    }
    if (used > 0) await texts.write(pending, 0, used);
  } finally {
    await texts.close();
  }
  const meta = await open(`${dir}/${CHUNKS_FILE}`, 'w');
  try {
    await meta.writeFile(lines.length > 0 ? `${lines.join('\n')}\n` : '');
  } finally {
    await meta.close();
  }
}

/** Chunks of one generation, and how to release the texts file they read from. */
export interface LoadedChunks {
  chunks: Chunk[];
  /** Closes the texts file now; a chunk read afterwards throws instead of reading another file. */
  close: () => void;
}

/**
 * Reads chunks written by saveChunks. Metadata is held in memory (repeated strings such as file
 * names, titles and section paths shared) and every line is checked against its checksum; each
 * chunk's text is read from disk when used and not kept, so 100k passages cost memory for their
 * metadata only. A generation whose texts are small is verified whole here. INDEX_CORRUPT names
 * a bad line, INDEX_DAMAGED a line or passage that fails its checksum.
 */
export async function loadChunks(dir: string): Promise<LoadedChunks> {
  const { source, close } = openTexts(dir, TEXTS_FILE);
  try {
    const chunks = await readMetadata(dir, source);
    if (fstatSync(source.fd).size <= VERIFY_TEXTS_AT_LOAD_BYTES) verifyAllTexts(source, chunks);
    return { chunks, close };
  } catch (error) {
    close();
    throw error;
  }
}

async function readMetadata(dir: string, source: TextSource): Promise<Chunk[]> {
  const strings = new Map<string, string>();
  const sections = new Map<string, string[]>();
  const share = (s: string): string => {
    const known = strings.get(s);
    if (known !== undefined) return known;
    strings.set(s, s);
    return s;
  };
  const chunks: Chunk[] = [];
  let line = 0;
  const lines = createInterface({ input: createReadStream(`${dir}/${CHUNKS_FILE}`, 'utf8'), crlfDelay: Infinity });
  for await (const row of lines) {
    line++;
    if (!row) continue;
    const cut = row.lastIndexOf(CRC_FIELD);
    if (cut < 0 || crc32(`${row.slice(0, cut)}}`) !== Number(row.slice(cut + CRC_FIELD.length, -1))) {
      throw new PolicybotError(
        'INDEX_DAMAGED',
        `The index is damaged: passage metadata on line ${line} of ${dir}/${CHUNKS_FILE} fails its checksum.`,
        DAMAGED_HINT,
      );
    }
    let stored: StoredChunk;
    try {
      stored = JSON.parse(row) as StoredChunk;
    } catch {
      throw new PolicybotError('INDEX_CORRUPT', `${dir}/${CHUNKS_FILE} line ${line} is not valid JSON.`, REBUILD);
    }
    const key = stored.section.join('\u0000');
    let section = sections.get(key);
    if (!section) {
      section = stored.section.map(share);
      sections.set(key, section);
    }
    const meta = {
      id: stored.id,
      file: share(stored.file),
      title: share(stored.title),
      section,
      charStart: stored.charStart,
      charEnd: stored.charEnd,
      page: stored.page,
      identifiers: stored.identifiers,
      tokens: stored.tokens,
      ...(stored.boilerplate ? { boilerplate: true as const } : {}),
    };
    chunks.push(new DiskChunk(meta, { source, at: stored.textAt, bytes: stored.textBytes, crc: stored.textCrc }));
  }
  return chunks;
}

/** Reads every passage once (one sequential read of the texts file through `text`). */
function verifyAllTexts(source: TextSource, chunks: readonly Chunk[]): void {
  if (source.fd < 0) return;
  for (const chunk of chunks) void chunk.text;
}
