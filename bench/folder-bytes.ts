import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** Bytes of the files in `dir` (and its subfolders, when `recursive`) whose names `match`. */
export function folderBytes(dir: string, match: (name: string) => boolean = () => true, recursive = false): number {
  return readdirSync(dir, { recursive, withFileTypes: true })
    .filter((e) => e.isFile() && match(e.name))
    .reduce((sum, e) => sum + statSync(path.join(e.parentPath, e.name)).size, 0);
}
