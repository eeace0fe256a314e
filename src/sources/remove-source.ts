import { lstat, mkdir, readdir, rename } from 'node:fs/promises';
import path from 'node:path';
import { isSidecar, sidecarOf } from '../ingest/sidecar.ts';
import { appendAudit } from './audit-log.ts';
import { moveToRemoved, removalStamp } from './corpus-files.ts';
import { currentManifest } from './indexed-files.ts';
import { uniqueName } from './safe-name.ts';
import {
  displayPath,
  type Editor,
  type Exclusive,
  resolveDisplayPath,
  type SourceSettings,
} from './source-settings.ts';

export type RemoveOutcome =
  | { ok: true; file: string; title: string; passages: number; movedTo: string }
  | { ok: false; reason: string };

export type RestoreOutcome = { ok: true; file: string; passages: number } | { ok: false; reason: string };

/**
 * Takes a document out of the corpus and the index, as the one index writer: its file and
 * sidecar move to `.removed/<time>/` (nothing is deleted), then the index is rebuilt. Only a
 * document the index knows (indexed or skipped) can be named, so no other file is reachable.
 */
export async function removeSource(
  file: string,
  editor: Editor,
  settings: SourceSettings,
  exclusive: Exclusive,
): Promise<RemoveOutcome> {
  return exclusive(async (build) => {
    const manifest = await currentManifest(settings.indexDir);
    const record = manifest?.files[file];
    const known = record !== undefined || manifest?.skipped.some((s) => s.file === file);
    const abs = resolveDisplayPath(settings.corpusDir, file);
    const info = abs ? await lstat(abs).catch(() => null) : null;
    if (!known || !abs || !info?.isFile())
      return { ok: false as const, reason: `${file} is not a document in the corpus (pick one of the suggestions)` };
    const moved = await moveToRemoved(settings.corpusDir, abs, removalStamp());
    const movedTo = displayPath(settings.corpusDir, moved);
    await build();
    await appendAudit(settings.auditLog, {
      time: new Date().toISOString(),
      action: 'remove',
      user: editor,
      file,
      ...(record ? { sha256: record.sha256, title: record.title, passages: record.chunks } : {}),
      movedTo,
    });
    return { ok: true as const, file, title: record?.title ?? file, passages: record?.chunks ?? 0, movedTo };
  });
}

/** Removed documents, newest first, as display paths (`corpus/.removed/<time>/a.pdf`). */
export async function listRemoved(corpusDir: string): Promise<string[]> {
  const root = path.join(corpusDir, '.removed');
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  const files = entries
    .filter((e) => e.isFile() && !isSidecar(e.name))
    .map((e) => displayPath(corpusDir, path.join(e.parentPath, e.name)));
  return files.sort().reverse();
}

/**
 * Puts a removed document (and its sidecar) back where it was, under a free name if that one
 * has been taken since, and rebuilds. `removed` must be one of listRemoved's entries.
 */
export async function restoreSource(
  removed: string,
  editor: Editor,
  settings: SourceSettings,
  exclusive: Exclusive,
): Promise<RestoreOutcome> {
  if (!(await listRemoved(settings.corpusDir)).includes(removed))
    return { ok: false, reason: `${removed} is not a removed document (pick one of the suggestions)` };
  return exclusive(async (build) => {
    const root = path.resolve(settings.corpusDir);
    const from = path.join(root, ...removed.split('/').slice(1));
    const rel = path.relative(path.join(root, '.removed'), from).split(path.sep).slice(1);
    const dir = path.join(root, ...rel.slice(0, -1));
    await mkdir(dir, { recursive: true });
    const name = uniqueName(rel.at(-1) ?? 'document', new Set(await readdir(dir)));
    const to = path.join(dir, name);
    await rename(sidecarOf(from), sidecarOf(to)).catch(() => undefined);
    await rename(from, to);
    const report = await build();
    const file = displayPath(settings.corpusDir, to);
    await appendAudit(settings.auditLog, {
      time: new Date().toISOString(),
      action: 'restore',
      user: editor,
      file,
      movedTo: removed,
    });
    const passages = report.skipped.some((s) => s.file === file)
      ? 0
      : ((await currentManifest(settings.indexDir))?.files[file]?.chunks ?? 0);
    return { ok: true, file, passages };
  });
}
