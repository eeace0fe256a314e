import { type FileHandle, link, open, readFile, stat, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { indexWriteError } from './write-errors.ts';

/**
 * The ingest lock's file in the index folder: created whole in one step, read back with its
 * heartbeat (mtime), judged abandoned when its process is gone or its heartbeat stopped, and
 * removed by exactly one of the waiters that found it abandoned.
 */

/** The lock file in the index folder; it exists while an ingest writes there. */
export const LOCK_FILE = 'ingest.lock';
const BREAK_FILE = `${LOCK_FILE}.break`;

/** A lock whose heartbeat is older than this is abandoned even if its pid is alive. */
export const DEFAULT_STALE_MS = 10 * 60_000;

/** Who holds the lock, as written in the lock file. */
export interface LockHolder {
  pid: number;
  host: string;
  /** ISO-8601 time the lock was taken. */
  startedAt: string;
  /** Tells this holding apart from a later one by the same pid. */
  token: string;
}

/** A lock file as read: its holder and when its heartbeat last touched it. */
export interface LockRecord {
  holder: LockHolder;
  touchedMs: number;
}

/** "pid 123, started 03:12:45 UTC, 40 s ago" */
export function describeHolder(holder: LockHolder, now = Date.now()): string {
  const started = new Date(holder.startedAt);
  const ago = Math.max(0, Math.round((now - started.getTime()) / 1000));
  const host = holder.host === hostname() ? '' : ` on ${holder.host}`;
  return `pid ${holder.pid}${host}, started ${started.toISOString().slice(11, 19)} UTC, ${ago} s ago`;
}

/** Creates the lock file with its content in one step: write a temp file, then hard-link it. */
export async function tryCreateLock(file: string, holder: LockHolder): Promise<boolean> {
  const tmp = `${file}.${holder.pid}.${holder.token}.tmp`;
  try {
    const handle = await open(tmp, 'w');
    try {
      await handle.writeFile(`${JSON.stringify(holder)}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await link(tmp, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw indexWriteError(error, path.dirname(file));
  } finally {
    await unlink(tmp).catch(() => undefined);
  }
}

export async function readLock(file: string): Promise<LockRecord | null> {
  try {
    const [raw, info] = await Promise.all([readFile(file, 'utf8'), stat(file)]);
    const holder = JSON.parse(raw) as LockHolder;
    return { holder, touchedMs: info.mtimeMs };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    // Unreadable or garbled: treat as held by nobody alive, so the age rule decides.
    return { holder: { pid: 0, host: '', startedAt: new Date(0).toISOString(), token: 'unreadable' }, touchedMs: 0 };
  }
}

export function isStale(found: LockRecord, staleMs: number): boolean {
  if (Date.now() - found.touchedMs > staleMs) return true;
  return found.holder.host === hostname() && !isAlive(found.holder.pid);
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes an abandoned lock. Two waiters may both find it abandoned: a short-lived breaker file
 * makes only one of them remove it, and only if it is still the same holding (token), so a
 * fresh lock taken in between is never removed.
 */
export async function breakStale(indexDir: string, token: string): Promise<void> {
  const breaker = path.join(indexDir, BREAK_FILE);
  let handle: FileHandle;
  try {
    handle = await open(breaker, 'wx');
  } catch {
    const info = await stat(breaker).catch(() => null);
    // A breaker older than a few seconds belongs to a waiter that died while breaking.
    if (info && Date.now() - info.mtimeMs > 5_000) await unlink(breaker).catch(() => undefined);
    else await sleep(50);
    return;
  }
  try {
    const current = await readLock(path.join(indexDir, LOCK_FILE));
    if (current?.holder.token === token) await unlink(path.join(indexDir, LOCK_FILE)).catch(() => undefined);
  } finally {
    await handle.close();
    await unlink(breaker).catch(() => undefined);
  }
}
