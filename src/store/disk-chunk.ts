import { closeSync, openSync, readSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import { PolicybotError } from '../errors.ts';
import type { Chunk } from '../types.ts';

/**
 * Passages whose text stays on disk: one open texts file per generation, read at an offset
 * when a passage's `text` is used and checked against its CRC-32 on every read, so a damaged
 * byte is never shown. The file closes explicitly (a replaced generation) or, as a backstop,
 * once no passage can read it any more.
 */

/** Where a chunk's text lies, and its checksum. */
export interface TextRef {
  source: TextSource;
  at: number;
  bytes: number;
  crc: number;
}

/** The open texts file of one generation; `fd` is -1 once closed. */
export interface TextSource {
  fd: number;
  dir: string;
  /** The file's name in `dir`, for messages. */
  file: string;
}

/** What to do about a passage or metadata line that fails its checksum. */
export const DAMAGED_HINT = 'Run `npm run ingest` to rebuild it: damaged passages are read again from the corpus.';

/**
 * A chunk whose text stays on disk until read, and is checked against its CRC-32 on every
 * read. A class with private fields keeps 100k of them compact (objects with per-instance
 * getters would each become a dictionary), and spreading or serialising one never copies the
 * file handle.
 */
export class DiskChunk implements Chunk {
  id: string;
  file: string;
  title: string;
  section: string[];
  charStart: number;
  charEnd: number;
  page: number | null;
  identifiers: Chunk['identifiers'];
  tokens: number;
  boilerplate?: true;
  readonly #ref: TextRef;

  constructor(meta: Omit<Chunk, 'text'>, ref: TextRef) {
    this.id = meta.id;
    this.file = meta.file;
    this.title = meta.title;
    this.section = meta.section;
    this.charStart = meta.charStart;
    this.charEnd = meta.charEnd;
    this.page = meta.page;
    this.identifiers = meta.identifiers;
    this.tokens = meta.tokens;
    if (meta.boilerplate) this.boilerplate = true;
    this.#ref = ref;
  }

  get text(): string {
    return readText(this.#ref, this.id);
  }

  toJSON(): Chunk {
    return {
      id: this.id,
      file: this.file,
      title: this.title,
      section: this.section,
      text: this.text,
      charStart: this.charStart,
      charEnd: this.charEnd,
      page: this.page,
      identifiers: this.identifiers,
      tokens: this.tokens,
      ...(this.boilerplate ? { boilerplate: true } : {}),
    };
  }
}

/** Opens the texts file of generation `dir`; `close()` releases it (reads afterwards throw INDEX_MISSING). */
export function openTexts(dir: string, file: string): { source: TextSource; close: () => void } {
  const source: TextSource = { fd: openSync(`${dir}/${file}`, 'r'), dir, file };
  // A backstop for callers that never call close(): the descriptor closes once no chunk can read it.
  closeWhenCollected.register(source, source.fd, source);
  return {
    source,
    close: () => {
      closeWhenCollected.unregister(source);
      closeSource(source);
    },
  };
}

const closeWhenCollected = new FinalizationRegistry<number>((fd) => {
  try {
    closeSync(fd);
  } catch {
    // Already closed.
  }
});

function closeSource(source: TextSource): void {
  if (source.fd < 0) return;
  const fd = source.fd;
  source.fd = -1;
  try {
    closeSync(fd);
  } catch {
    // Already closed.
  }
}

function readText(ref: TextRef, id: string): string {
  if (ref.source.fd < 0) {
    throw new PolicybotError(
      'INDEX_MISSING',
      `The index generation in ${ref.source.dir} was replaced and closed.`,
      'Load the current index again.',
    );
  }
  const buffer = Buffer.allocUnsafe(ref.bytes);
  const read = readSync(ref.source.fd, buffer, 0, ref.bytes, ref.at);
  if (read !== ref.bytes || crc32(buffer) !== ref.crc) {
    throw new PolicybotError(
      'INDEX_DAMAGED',
      `The index is damaged: passage ${id} in ${ref.source.dir}/${ref.source.file} fails its checksum.`,
      DAMAGED_HINT,
    );
  }
  return buffer.toString('utf8');
}
