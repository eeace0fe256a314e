import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * The on-disk layout that makes index updates atomic: `index/` holds generation folders and a
 * pointer file `CURRENT` naming the live one. A build writes a fresh generation, then replaces
 * CURRENT with one rename. A crash at any earlier point leaves CURRENT, and so the served
 * index, untouched; readers never see a half-written index. Only the holder of the ingest lock
 * (ingest-lock.ts) creates, publishes or removes generations.
 */
export const CURRENT_FILE = 'CURRENT';
const GENERATION = /^gen-[0-9a-z-]+$/;
const PARTIAL_SUFFIX = '.partial';
const CURRENT_TMP = /^CURRENT\.\d+\.tmp$/;

/** The name of the live generation, or null when there is none. */
export async function readCurrentGeneration(indexDir: string): Promise<string | null> {
  const name = (await readFile(path.join(indexDir, CURRENT_FILE), 'utf8').catch(() => '')).trim();
  return GENERATION.test(name) ? name : null;
}

/** A new, empty generation folder (marked partial until published). */
export async function createGeneration(indexDir: string): Promise<{ name: string; dir: string }> {
  const stamp = new Date()
    .toISOString()
    .replace(/[-:.TZ]/g, '')
    .toLowerCase();
  const name = `gen-${stamp}-${randomBytes(3).toString('hex')}`;
  const dir = path.join(indexDir, name + PARTIAL_SUFFIX);
  await mkdir(dir, { recursive: true });
  return { name, dir };
}

/**
 * Makes a finished generation live, durably: fsync every file of the generation and its
 * folder (unless the caller has: `synced`), rename the folder to its final name, fsync
 * `index/`, then replace CURRENT atomically (temp file, fsync, rename; the temp file
 * {@link writePointer} wrote ahead when given) and fsync `index/` again. After a power loss
 * CURRENT names either the old generation or a complete new one.
 */
export async function publishGeneration(
  indexDir: string,
  name: string,
  ahead: { synced?: boolean; pointer?: string } = {},
): Promise<string> {
  const partialDir = path.join(indexDir, name + PARTIAL_SUFFIX);
  const finalDir = path.join(indexDir, name);
  if (!ahead.synced) await syncTree(partialDir);
  await rename(partialDir, finalDir);
  await syncDir(indexDir);
  const tmp = ahead.pointer ?? (await writePointer(indexDir, name));
  await rename(tmp, path.join(indexDir, CURRENT_FILE));
  await syncDir(indexDir);
  return finalDir;
}

/**
 * CURRENT's content naming `name`, written and synced to a temp file (returned) that
 * {@link publishGeneration} renames over CURRENT: a build writes it ahead, while its last
 * vectors are embedded, and removes it if it fails (a dead run's is removed by the next build).
 */
export async function writePointer(indexDir: string, name: string): Promise<string> {
  const tmp = path.join(indexDir, `${CURRENT_FILE}.${process.pid}.tmp`);
  try {
    const handle = await open(tmp, 'w');
    try {
      await handle.writeFile(`${name}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
  return tmp;
}

/**
 * Removes what dead runs left: partial generations and CURRENT temp files. Only for the holder
 * of the ingest lock: while it holds the lock no other process can be writing them.
 */
export async function removeDeadPartials(indexDir: string): Promise<string[]> {
  const entries = await readdir(indexDir).catch(() => [] as string[]);
  const dead = entries.filter(
    (e) => (e.endsWith(PARTIAL_SUFFIX) && GENERATION.test(e.slice(0, -PARTIAL_SUFFIX.length))) || CURRENT_TMP.test(e),
  );
  for (const entry of dead) await rm(path.join(indexDir, entry), { recursive: true, force: true });
  return dead;
}

/** Removes a generation a failed build wrote (partial or renamed), unless CURRENT names it. */
export async function discardGeneration(indexDir: string, name: string): Promise<void> {
  await rm(path.join(indexDir, name + PARTIAL_SUFFIX), { recursive: true, force: true });
  if ((await readCurrentGeneration(indexDir)) !== name)
    await rm(path.join(indexDir, name), { recursive: true, force: true });
}

/**
 * Removes published generations other than `keep` (the live one and the one before it: a
 * reader that loaded it a moment ago may still be opening files). Partial folders are never
 * touched here. Only for the holder of the ingest lock.
 */
export async function pruneGenerations(indexDir: string, keep: readonly string[]): Promise<void> {
  const entries = await readdir(indexDir).catch(() => [] as string[]);
  for (const entry of entries) {
    if (GENERATION.test(entry) && !keep.includes(entry))
      await rm(path.join(indexDir, entry), { recursive: true, force: true });
  }
}

/**
 * fsyncs every file in `dir` (written by us or by a library such as hnswlib), then `dir` itself.
 * A writer may call it early on what it has written so far: publishing syncs again, and a file
 * already on disk takes little then.
 */
export async function syncTree(dir: string): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) await syncTree(full);
    else if (entry.isFile()) await syncFile(full);
  }
  await syncDir(dir);
}

/** fsyncs the files `names` in `dir` (written after a {@link syncTree} of it), then `dir` itself. */
export async function syncFiles(dir: string, names: readonly string[]): Promise<void> {
  for (const name of names) await syncFile(path.join(dir, name));
  await syncDir(dir);
}

async function syncFile(file: string): Promise<void> {
  const handle = await open(file, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } catch {
    // Some file systems cannot fsync a directory; the renames are still atomic there.
  } finally {
    await handle.close();
  }
}
