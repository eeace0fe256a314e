import { closeSync, openSync, readSync } from 'node:fs';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { PolicybotError } from '../errors.ts';
import type { Chunk } from '../types.ts';

/** Chunk metadata, one JSON line per chunk in ordinal order, with where its text is. */
export const CHUNKS_FILE = 'chunks.jsonl';
/** All chunk texts, UTF-8, back to back. */
export const TEXTS_FILE = 'chunks.text';

type StoredChunk = Omit<Chunk, 'text'> & { textAt: number; textBytes: number };

const REBUILD = 'Run `npm run ingest` to rebuild the index.';

/** Writes chunks: metadata as JSON lines, texts into one file that is read on demand. */
export async function saveChunks(dir: string, chunks: readonly Chunk[]): Promise<void> {
  const texts = await open(`${dir}/${TEXTS_FILE}`, 'w');
  const lines: string[] = [];
  try {
    let at = 0;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    for (const chunk of chunks) {
      const bytes = Buffer.from(chunk.text, 'utf8');
      const meta = { id: chunk.id, file: chunk.file, title: chunk.title, section: chunk.section, charStart: chunk.charStart, charEnd: chunk.charEnd, page: chunk.page, identifiers: chunk.identifiers, tokens: chunk.tokens };
      lines.push(JSON.stringify({ ...meta, textAt: at, textBytes: bytes.length }));
      pending.push(bytes);
      pendingBytes += bytes.length;
      at += bytes.length;
      if (pendingBytes > 1 << 22) {
        await texts.write(Buffer.concat(pending));
        pending = [];
        pendingBytes = 0;
      }
    }
    await texts.write(Buffer.concat(pending));
  } finally {
    await texts.close();
  }
  await open(`${dir}/${CHUNKS_FILE}`, 'w').then(async (f) => {
    try {
      await f.writeFile(lines.length > 0 ? `${lines.join('\n')}\n` : '');
    } finally {
      await f.close();
    }
  });
}

/**
 * A chunk whose text stays on disk until read. A class with private fields keeps 100k of them
 * compact (objects with per-instance getters would each become a dictionary), and spreading or
 * serialising one never copies the file handle.
 */
class DiskChunk implements Chunk {
  id: string;
  file: string;
  title: string;
  section: string[];
  charStart: number;
  charEnd: number;
  page: number | null;
  identifiers: Chunk['identifiers'];
  tokens: number;
  readonly #source: { fd: number };
  readonly #at: number;
  readonly #bytes: number;

  constructor(meta: Omit<Chunk, 'text'>, source: { fd: number }, at: number, bytes: number) {
    this.id = meta.id;
    this.file = meta.file;
    this.title = meta.title;
    this.section = meta.section;
    this.charStart = meta.charStart;
    this.charEnd = meta.charEnd;
    this.page = meta.page;
    this.identifiers = meta.identifiers;
    this.tokens = meta.tokens;
    this.#source = source;
    this.#at = at;
    this.#bytes = bytes;
  }

  get text(): string {
    return readText(this.#source.fd, this.#at, this.#bytes);
  }

  toJSON(): Chunk {
    return { id: this.id, file: this.file, title: this.title, section: this.section, text: this.text, charStart: this.charStart, charEnd: this.charEnd, page: this.page, identifiers: this.identifiers, tokens: this.tokens };
  }
}

/**
 * Reads chunks written by saveChunks. Metadata is held in memory (repeated strings such as file
 * names, titles and section paths shared); each chunk's text is read from disk when used and
 * not kept, so 100k passages cost memory for their metadata only. INDEX_CORRUPT names a bad line.
 */
export async function loadChunks(dir: string): Promise<Chunk[]> {
  const fd = openSync(`${dir}/${TEXTS_FILE}`, 'r');
  // Every chunk holds `source`; the descriptor closes once no chunk can read through it.
  const source = { fd };
  closeWhenCollected.register(source, fd);
  const strings = new Map<string, string>();
  const sections = new Map<string, string[]>();
  const share = (s: string) => strings.get(s) ?? (strings.set(s, s), s);
  const chunks: Chunk[] = [];
  let line = 0;
  const lines = createInterface({ input: createReadStream(`${dir}/${CHUNKS_FILE}`, 'utf8'), crlfDelay: Infinity });
  for await (const row of lines) {
    line++;
    if (!row) continue;
    let stored: StoredChunk;
    try {
      stored = JSON.parse(row) as StoredChunk;
    } catch {
      throw new PolicybotError('INDEX_CORRUPT', `${dir}/${CHUNKS_FILE} line ${line} is not valid JSON.`, REBUILD);
    }
    const key = stored.section.join('\u0000');
    let section = sections.get(key);
    if (!section) sections.set(key, (section = stored.section.map(share)));
    const meta = { ...stored, file: share(stored.file), title: share(stored.title), section };
    chunks.push(new DiskChunk(meta, source, stored.textAt, stored.textBytes));
  }
  return chunks;
}

const closeWhenCollected = new FinalizationRegistry<number>((fd) => {
  try {
    closeSync(fd);
  } catch {
    // Already closed.
  }
});

function readText(fd: number, at: number, bytes: number): string {
  const buffer = Buffer.allocUnsafe(bytes);
  const read = readSync(fd, buffer, 0, bytes, at);
  if (read !== bytes) throw new PolicybotError('INDEX_CORRUPT', 'A passage text is missing from the index.', REBUILD);
  return buffer.toString('utf8');
}
