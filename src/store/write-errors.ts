import { statfs } from 'node:fs/promises';
import { PolicybotError } from '../errors.ts';

const MB = 1024 * 1024;

/** A file-system error while writing the index, as the error a user can act on. */
export function indexWriteError(error: unknown, indexDir: string): unknown {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new PolicybotError(
      'INDEX_NOT_WRITABLE',
      `${displayDir(indexDir)} is not writable (${code}).`,
      'Fix its permissions, or set INDEX_DIR (or pass --index) to a folder you can write.',
      { cause: error },
    );
  }
  return error;
}

/** True for "no space left on device" (and a full quota, which users meet the same way). */
export function isDiskFull(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT';
}

/** DISK_FULL with how much the build needs and how much the index folder's disk has free. */
export async function diskFullError(error: unknown, indexDir: string, neededBytes: number): Promise<PolicybotError> {
  const info = await statfs(indexDir).catch(() => null);
  const free = info ? info.bavail * info.bsize : 0;
  return new PolicybotError(
    'DISK_FULL',
    `disk full: ${toMb(neededBytes)} MB needed, ${toMb(free)} MB free in ${displayDir(indexDir)}.`,
    'Free some space (the partial index was removed; the previous index still serves), then run the ingest again.',
    { cause: error },
  );
}

function toMb(bytes: number): string {
  return bytes >= 10 * MB ? String(Math.ceil(bytes / MB)) : (Math.ceil((bytes / MB) * 10) / 10).toFixed(1);
}

function displayDir(dir: string): string {
  return dir.endsWith('/') ? dir : `${dir}/`;
}
