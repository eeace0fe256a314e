import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';

/** One line of the sources audit log (SOURCES_LOG): who changed the corpus, what, when. */
export interface AuditEntry {
  time: string;
  action: 'add' | 'replace' | 'remove' | 'restore' | 'refuse';
  user: { id: string; name: string };
  /** Display path, e.g. `corpus/decree-13.pdf`. */
  file: string;
  /** SHA-256 of the document's content. */
  sha256?: string;
  title?: string;
  passages?: number;
  /** For remove and replace: where the previous file now is; for restore: where it was. */
  movedTo?: string;
  /** For refuse: why. */
  reason?: string;
}

/** Appends one JSON line; the folder is created on first use. */
export async function appendAudit(logFile: string, entry: AuditEntry): Promise<void> {
  await mkdir(path.dirname(logFile), { recursive: true });
  await appendFile(logFile, `${JSON.stringify(entry)}\n`);
}
