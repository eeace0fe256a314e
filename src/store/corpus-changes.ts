import type { FileResult } from './corpus-file.ts';
import type { IndexManifest } from './types.ts';

/** Which corpus files a build added, changed, removed or left as they were, against the previous manifest. */
export interface CorpusChanges {
  added: string[];
  changed: string[];
  removed: string[];
  unchanged: string[];
}

/** Files compared by their bytes' hash; a file the previous generation had and the corpus no longer has is removed. */
export function corpusChanges(results: readonly FileResult[], before: IndexManifest['files']): CorpusChanges {
  const now = new Set(results.map((r) => r.file));
  return {
    added: results.filter((r) => !before[r.file]).map((r) => r.file),
    changed: results.filter((r) => before[r.file] && before[r.file]?.sha256 !== r.record.sha256).map((r) => r.file),
    removed: Object.keys(before).filter((f) => !now.has(f)),
    unchanged: results.filter((r) => before[r.file]?.sha256 === r.record.sha256).map((r) => r.file),
  };
}
