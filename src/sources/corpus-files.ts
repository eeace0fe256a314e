import { createHash, randomBytes } from 'node:crypto';
import { link, mkdir, open, readdir, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { sidecarOf } from '../ingest/sidecar.ts';

const FRONT_MATTER = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;
const TEXT_EXTENSIONS = new Set(['.md', '.markdown', '.txt']);

/** Whether a file's metadata goes in its front matter (md, txt) rather than a sidecar. */
export function takesFrontMatter(name: string): boolean {
  return TEXT_EXTENSIONS.has(path.extname(name).toLowerCase());
}

/**
 * The hash that says two files hold the same document: of the bytes, and for md/txt of the
 * text after any front matter (the same text with other metadata is the same document).
 */
export function contentHash(bytes: Uint8Array, name: string): string {
  let body = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (takesFrontMatter(name)) {
    const text = body.toString('utf8');
    const match = FRONT_MATTER.exec(text);
    if (match) body = Buffer.from(text.slice(match[0].length), 'utf8');
  }
  return createHash('sha256').update(body).digest('hex');
}

/** `text` with `fields` set in its YAML front matter (added when there is none; other keys kept). */
export function withFrontMatter(text: string, fields: Readonly<Record<string, string>>): string {
  const match = FRONT_MATTER.exec(text);
  const doc = parseDocument(match ? (match[1] ?? '') : '');
  if (!doc.contents || doc.errors.length > 0) return `---\n${toYaml(fields)}---\n${text}`;
  for (const [key, value] of Object.entries(fields)) doc.set(key, value);
  return `---\n${doc.toString()}---\n${text.slice(match ? match[0].length : 0)}`;
}

/** A YAML mapping of string fields, one per line, quoted where YAML needs it. */
export function toYaml(fields: Readonly<Record<string, string>>): string {
  const doc = parseDocument('{}');
  for (const [key, value] of Object.entries(fields)) doc.set(key, value);
  return doc.toString({ collectionStyle: 'block' });
}

/**
 * Writes `bytes` to `dest` atomically: a hidden temp file beside it, flushed, then moved into
 * place. Unless `overwrite`, an existing `dest` is never replaced (EEXIST is thrown).
 */
export async function writeAtomic(dest: string, bytes: Uint8Array | string, overwrite = false): Promise<void> {
  const tmp = path.join(path.dirname(dest), `.${path.basename(dest)}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await open(tmp, 'wx');
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    if (overwrite) await rename(tmp, dest);
    else await link(tmp, dest);
  } finally {
    await unlink(tmp).catch(() => undefined);
  }
  await syncDir(path.dirname(dest));
}

/**
 * Moves a document and its sidecar into `<corpus>/.removed/<stamp>/`, keeping its sub-folder,
 * so nothing is ever deleted. Returns the new path of the document.
 */
export async function moveToRemoved(corpusDir: string, absPath: string, stamp: string): Promise<string> {
  const rel = path.relative(corpusDir, absPath);
  const target = path.join(corpusDir, '.removed', stamp, rel);
  await mkdir(path.dirname(target), { recursive: true });
  await rename(absPath, target);
  await rename(sidecarOf(absPath), sidecarOf(target)).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
  return target;
}

/** A folder name for one removal: sortable, no colons (`2026-11-29T03-12-45-123Z`). */
export function removalStamp(date = new Date()): string {
  return date.toISOString().replace(/[:.]/g, '-');
}

/** Names in a folder (for choosing a name that is free). */
export async function namesIn(dir: string): Promise<Set<string>> {
  return new Set(await readdir(dir).catch(() => [] as string[]));
}

async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  await handle.sync().catch(() => undefined);
  await handle.close();
}
