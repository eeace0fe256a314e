import { closeSync, openSync, readSync } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
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
      const { text: _text, ...meta } = chunk;
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
 * Reads chunks written by saveChunks. Metadata is held in memory (repeated strings such as file
 * names, titles and section paths shared); each chunk's text is read from disk when first used
 * and not kept, so 100k passages cost memory for their metadata only. INDEX_CORRUPT names a bad line.
 */
export async function loadChunks(dir: string): Promise<Chunk[]> {
  const raw = await readFile(`${dir}/${CHUNKS_FILE}`, 'utf8');
  const fd = openSync(`${dir}/${TEXTS_FILE}`, 'r');
  // Every text getter holds `source`; the descriptor closes once no chunk can read through it.
  const source = { fd };
  const strings = new Map<string, string>();
  const sections = new Map<string, string[]>();
  const share = (s: string) => strings.get(s) ?? (strings.set(s, s), s);
  const chunks: Chunk[] = [];
  let line = 0;
  for (const row of raw.split('\n')) {
    line++;
    if (!row) continue;
    let stored: StoredChunk;
    try {
      stored = JSON.parse(row) as StoredChunk;
    } catch {
      closeSync(fd);
      throw new PolicybotError('INDEX_CORRUPT', `${dir}/${CHUNKS_FILE} line ${line} is not valid JSON.`, REBUILD);
    }
    const { textAt, textBytes, ...meta } = stored;
    const sectionKey = meta.section.join('\u0000');
    const section = sections.get(sectionKey) ?? (sections.set(sectionKey, meta.section.map(share)), sections.get(sectionKey)!);
    const chunk = { ...meta, file: share(meta.file), title: share(meta.title), section } as Chunk;
    Object.defineProperty(chunk, 'text', { enumerable: true, configurable: true, get: () => readText(source.fd, textAt, textBytes) });
    chunks.push(chunk);
  }
  closeWhenCollected.register(source, fd);
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
