import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { readCurrentGeneration } from '../store/generations.ts';
import { readManifest } from '../store/manifest.ts';
import type { IndexManifest, ManifestFile } from '../store/types.ts';
import { contentHash, takesFrontMatter } from './corpus-files.ts';
import { resolveDisplayPath, type SourceSettings } from './source-settings.ts';

/** The manifest of the live index generation, or null when there is none yet. */
export async function currentManifest(indexDir: string): Promise<IndexManifest | null> {
  const name = await readCurrentGeneration(indexDir);
  return name ? readManifest(path.join(indexDir, name)).catch(() => null) : null;
}

/** The indexed document with this content hash (see contentHash), if any. */
export async function findDuplicate(
  settings: SourceSettings,
  sha256: string,
): Promise<{ file: string; title: string } | null> {
  const manifest = await currentManifest(settings.indexDir);
  for (const [file, record] of Object.entries(manifest?.files ?? {})) {
    let hash = record.sha256;
    if (takesFrontMatter(file)) {
      const abs = resolveDisplayPath(settings.corpusDir, file);
      const bytes = abs ? await readFile(abs).catch(() => null) : null;
      if (!bytes) continue;
      hash = contentHash(bytes, file);
    }
    if (hash === sha256) return { file, title: record.title };
  }
  return null;
}

/** A document's record (title, passages) in a given generation, or null when it is not there. */
export async function indexedFile(
  settings: SourceSettings,
  generation: string,
  file: string,
): Promise<ManifestFile | null> {
  const manifest = await readManifest(path.join(settings.indexDir, generation)).catch(() => null);
  return manifest?.files[file] ?? null;
}
