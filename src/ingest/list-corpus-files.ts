import type { Dirent } from 'node:fs';
import { readdir, readlink, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { PolicybotError } from '../errors.ts';
import { SUPPORTED_EXTENSIONS } from './parse-file.ts';
import { isSidecar, SIDECAR_SUFFIX } from './sidecar.ts';

/** A corpus file: where it is, and the display path used in citations (`corpus/a.pdf`). */
export interface CorpusFile {
  absPath: string;
  file: string;
}

export interface ListOptions {
  /** Larger files are skipped with the reason (MAX_FILE_MB). Default: no limit. */
  maxFileBytes?: number;
  /**
   * Follow symbolic links that resolve inside the corpus folder (FOLLOW_SYMLINKS). Links are
   * otherwise reported as skipped, with where they point; links leading outside are always.
   */
  followSymlinks?: boolean;
}

type Skipped = { file: string; reason: string };

/**
 * Lists the corpus recursively in a stable order, skipping dotfiles and reporting what it does
 * not read (unsupported types, files over the size limit, symbolic links, metadata sidecars
 * without their document) with the reason instead of failing on them.
 */
export async function listCorpusFiles(
  corpusDir: string,
  options: ListOptions = {},
): Promise<{ files: CorpusFile[]; skipped: Skipped[] }> {
  const root = path.resolve(corpusDir);
  const info = await stat(root).catch(() => null);
  if (!info?.isDirectory()) {
    throw new PolicybotError(
      'PARSE_FAILED',
      `Corpus folder ${corpusDir} does not exist.`,
      'Create it and put documents in it, or pass --corpus <dir>.',
    );
  }
  const realRoot = await realpath(root);
  const walk = { files: [] as CorpusFile[], skipped: [] as Skipped[], visited: new Set([realRoot]), realRoot, options };
  await walkDir(walk, root, realRoot, [path.basename(root)]);
  const byName = (a: { file: string }, b: { file: string }) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);
  return { files: walk.files.sort(byName), skipped: walk.skipped.sort(byName) };
}

interface Walk {
  files: CorpusFile[];
  skipped: Skipped[];
  /** Real paths of folders already listed: a link back to one is a loop, not more files. */
  visited: Set<string>;
  realRoot: string;
  options: ListOptions;
}

async function walkDir(walk: Walk, dir: string, realDir: string, parts: string[]): Promise<void> {
  const entries: Dirent[] = await readdir(dir, { withFileTypes: true });
  const here = new Set(entries.map((e) => e.name));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    // A sidecar is read with its document; one whose document is gone is worth a line.
    if (isSidecar(entry.name)) {
      if (!here.has(entry.name.slice(0, -SIDECAR_SUFFIX.length)))
        walk.skipped.push({ file: [...parts, entry.name].join('/'), reason: 'metadata file without its document' });
      continue;
    }
    const abs = path.join(dir, entry.name);
    const names = [...parts, entry.name];
    const file = names.join('/');
    if (entry.isDirectory()) {
      const real = path.join(realDir, entry.name);
      walk.visited.add(real);
      await walkDir(walk, abs, real, names);
    } else if (entry.isFile()) {
      addFile(walk, abs, file, (await stat(abs)).size);
    } else if (entry.isSymbolicLink()) {
      await followLink(walk, abs, file, names);
    }
  }
}

async function followLink(walk: Walk, abs: string, file: string, names: string[]): Promise<void> {
  const target = await readlink(abs).catch(() => '?');
  if (!walk.options.followSymlinks) {
    walk.skipped.push({
      file,
      reason: `symbolic link → ${target} (FOLLOW_SYMLINKS=true follows links inside the corpus folder)`,
    });
    return;
  }
  const real = await realpath(abs).catch(() => null);
  if (!real) return void walk.skipped.push({ file, reason: `broken symbolic link → ${target}` });
  const relative = path.relative(walk.realRoot, real);
  if (relative.startsWith('..') || path.isAbsolute(relative)) {
    return void walk.skipped.push({ file, reason: `symbolic link → ${target} leads outside the corpus folder` });
  }
  const info = await stat(real);
  if (info.isFile()) addFile(walk, abs, file, info.size);
  else if (info.isDirectory()) {
    if (walk.visited.has(real))
      return void walk.skipped.push({
        file,
        reason: `symbolic link → ${target} loops back to a folder already listed`,
      });
    walk.visited.add(real);
    await walkDir(walk, abs, real, names);
  }
}

function addFile(walk: Walk, abs: string, file: string, bytes: number): void {
  const ext = path.extname(file).toLowerCase();
  const limit = walk.options.maxFileBytes;
  if (!(SUPPORTED_EXTENSIONS as readonly string[]).includes(ext))
    walk.skipped.push({ file, reason: `unsupported file type ${ext || '(no extension)'}` });
  else if (limit !== undefined && bytes > limit)
    walk.skipped.push({ file, reason: `larger than MAX_FILE_MB (${mb(bytes)} MB > ${mb(limit)} MB)` });
  else walk.files.push({ absPath: abs, file });
}

function mb(bytes: number): string {
  const value = bytes / (1024 * 1024);
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}
