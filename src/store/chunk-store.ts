import { readFile, writeFile } from 'node:fs/promises';
import { PolicybotError } from '../errors.ts';
import type { Chunk } from '../types.ts';

export const CHUNKS_FILE = 'chunks.jsonl';

/** Writes chunks as JSON lines, in ordinal order (line n is chunk n). */
export async function saveChunks(file: string, chunks: readonly Chunk[]): Promise<void> {
  await writeFile(file, chunks.map((c) => JSON.stringify(c)).join('\n') + (chunks.length > 0 ? '\n' : ''));
}

/** Reads chunks written by saveChunks; INDEX_CORRUPT names the bad line. */
export async function loadChunks(file: string): Promise<Chunk[]> {
  const text = await readFile(file, 'utf8');
  const chunks: Chunk[] = [];
  let line = 0;
  for (const row of text.split('\n')) {
    line++;
    if (!row) continue;
    try {
      chunks.push(JSON.parse(row) as Chunk);
    } catch {
      throw new PolicybotError('INDEX_CORRUPT', `${file} line ${line} is not valid JSON.`, 'Run `npm run ingest` to rebuild the index.');
    }
  }
  return chunks;
}
