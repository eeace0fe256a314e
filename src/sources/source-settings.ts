import path from 'node:path';
import type { BuildReport } from '../store/build-index.ts';

/** Where sources live and the limits on adding them; built once from the settings. */
export interface SourceSettings {
  corpusDir: string;
  indexDir: string;
  /** MAX_FILE_MB in bytes. */
  maxBytes: number;
  /** DISCORD_CDN_URL: download attachments from here instead of Discord's CDN (tests). */
  cdnUrl?: string;
  /** Give up a download when no byte arrives for this long. */
  stallMs: number;
  timeoutMs: number;
  /** SOURCES_LOG: the JSONL audit log. */
  auditLog: string;
}

/** Who asked: a Discord member, or a person at the shell. */
export interface Editor {
  id: string;
  name: string;
}

/**
 * Runs `work` as the only writer of the index (the ingest lock), handing it a build that runs
 * under the same lock. Adds, removes and the watcher's updates all go through it, one at a time.
 */
export type Exclusive = <T>(work: (build: () => Promise<BuildReport>) => Promise<T>) => Promise<T>;

/** `corpus/sub/a.pdf` for a path inside the corpus folder (the form citations use). */
export function displayPath(corpusDir: string, absPath: string): string {
  const root = path.resolve(corpusDir);
  return [path.basename(root), ...path.relative(root, absPath).split(path.sep)].join('/');
}

/**
 * The absolute path of a display path, or null when it would leave the corpus folder or
 * enter a hidden folder (so a crafted value can never name another file on the machine).
 */
export function resolveDisplayPath(corpusDir: string, file: string): string | null {
  const root = path.resolve(corpusDir);
  const parts = file.split('/');
  if (parts[0] !== path.basename(root) || parts.length < 2) return null;
  const rest = parts.slice(1);
  if (rest.some((p) => !p || p === '..' || p.startsWith('.') || p.includes('\\') || p.includes('\0'))) return null;
  const abs = path.resolve(root, ...rest);
  return abs.startsWith(root + path.sep) ? abs : null;
}

/** What the bot needs to manage sources: where they live, and the one-writer gate. */
export interface SourceService {
  settings: SourceSettings;
  exclusive: Exclusive;
  /** Runs after every change the bot makes, e.g. a reload, so answers use it at once. */
  afterChange: () => Promise<void>;
}
