import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { PolicybotError } from '../errors.ts';
import { SUPPORTED_EXTENSIONS } from './parse-file.ts';
import { isSidecar, SIDECAR_SUFFIX } from './sidecar.ts';

/** A corpus file: where it is, and the display path used in citations (`corpus/a.pdf`). */
export interface CorpusFile {
  absPath: string;
  file: string;
}

/**
 * Lists the corpus recursively in a stable order, skipping dotfiles and reporting files of
 * unsupported types (with the reason) instead of failing on them.
 */
export async function listCorpusFiles(corpusDir: string): Promise<{ files: CorpusFile[]; skipped: { file: string; reason: string }[] }> {
  const root = path.resolve(corpusDir);
  const info = await stat(root).catch(() => null);
  if (!info?.isDirectory()) {
    throw new PolicybotError('PARSE_FAILED', `Corpus folder ${corpusDir} does not exist.`, 'Create it and put documents in it, or pass --corpus <dir>.');
  }
  const base = path.basename(root);
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const names = new Set(entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name)));
  const files: CorpusFile[] = [];
  const skipped: { file: string; reason: string }[] = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const abs = path.join(entry.parentPath, entry.name);
    const rel = path.relative(root, abs).split(path.sep);
    if (rel.some((part) => part.startsWith('.'))) continue;
    const file = [base, ...rel].join('/');
    const ext = path.extname(entry.name).toLowerCase();
    // A sidecar is read with its document; one whose document is gone is worth a line.
    if (isSidecar(entry.name)) {
      if (!names.has(abs.slice(0, -SIDECAR_SUFFIX.length))) skipped.push({ file, reason: 'metadata file without its document' });
      continue;
    }
    if ((SUPPORTED_EXTENSIONS as readonly string[]).includes(ext)) files.push({ absPath: abs, file });
    else skipped.push({ file, reason: `unsupported file type ${ext || '(no extension)'}` });
  }
  const byName = (a: { file: string }, b: { file: string }) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);
  return { files: files.sort(byName), skipped: skipped.sort(byName) };
}
