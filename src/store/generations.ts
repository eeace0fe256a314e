import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * The on-disk layout that makes index updates atomic: `index/` holds generation folders and a
 * pointer file `CURRENT` naming the live one. A build writes a fresh generation, then replaces
 * CURRENT with one rename. A crash at any earlier point leaves CURRENT, and so the served
 * index, untouched; readers never see a half-written index.
 */
export const CURRENT_FILE = 'CURRENT';
const GENERATION = /^gen-[0-9a-z-]+$/;
const PARTIAL_SUFFIX = '.partial';

/** The name of the live generation, or null when there is none. */
export async function readCurrentGeneration(indexDir: string): Promise<string | null> {
  const name = (await readFile(path.join(indexDir, CURRENT_FILE), 'utf8').catch(() => '')).trim();
  return GENERATION.test(name) ? name : null;
}

/** A new, empty generation folder (marked partial until published). */
export async function createGeneration(indexDir: string): Promise<{ name: string; dir: string }> {
  const stamp = new Date().toISOString().replace(/[-:.TZ]/g, '').toLowerCase();
  const name = `gen-${stamp}-${randomBytes(3).toString('hex')}`;
  const dir = path.join(indexDir, name + PARTIAL_SUFFIX);
  await mkdir(dir, { recursive: true });
  return { name, dir };
}

/**
 * Makes a finished generation live: rename the folder to its final name, then atomically
 * replace CURRENT (write a temp file, fsync, rename), then fsync the folder.
 */
export async function publishGeneration(indexDir: string, name: string): Promise<string> {
  const finalDir = path.join(indexDir, name);
  await rename(path.join(indexDir, name + PARTIAL_SUFFIX), finalDir);
  const tmp = path.join(indexDir, `${CURRENT_FILE}.${process.pid}.tmp`);
  const handle = await open(tmp, 'w');
  try {
    await handle.writeFile(`${name}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tmp, path.join(indexDir, CURRENT_FILE));
  const dirHandle = await open(indexDir, 'r');
  await dirHandle.sync().catch(() => undefined);
  await dirHandle.close();
  return finalDir;
}

/**
 * Removes partial generations left by crashed builds and old generations, keeping the live
 * one and the one before it (a reader that loaded it a moment ago may still be opening files).
 */
export async function pruneGenerations(indexDir: string, keep: readonly string[]): Promise<void> {
  const entries = await readdir(indexDir).catch(() => [] as string[]);
  for (const entry of entries) {
    const stale = entry.endsWith(PARTIAL_SUFFIX) || entry.endsWith('.tmp') || (GENERATION.test(entry) && !keep.includes(entry));
    if (stale) await rm(path.join(indexDir, entry), { recursive: true, force: true });
  }
}
