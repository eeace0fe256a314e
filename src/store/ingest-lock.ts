import { randomBytes } from 'node:crypto';
import { type FileHandle, link, mkdir, open, readFile, stat, unlink, utimes } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { PolicybotError } from '../errors.ts';
import { indexWriteError } from './write-errors.ts';

/** The lock file in the index folder; it exists while an ingest writes there. */
export const LOCK_FILE = 'ingest.lock';
const BREAK_FILE = `${LOCK_FILE}.break`;

/** Who holds the lock, as written in the lock file. */
export interface LockHolder {
  pid: number;
  host: string;
  /** ISO-8601 time the lock was taken. */
  startedAt: string;
  /** Tells this holding apart from a later one by the same pid. */
  token: string;
}

/** A held ingest lock: the one writer of an index folder. */
export interface IngestLock {
  readonly indexDir: string;
  readonly holder: LockHolder;
  /** Throws INDEX_LOCKED when the lock is no longer ours (it was judged abandoned and taken over). */
  assertHeld(): Promise<void>;
}

export interface LockOptions {
  /** Wait for a running ingest to finish (default) or fail at once with INDEX_LOCKED. */
  wait?: boolean;
  /** Called once when the lock is busy and we start waiting. */
  onWait?: (holder: LockHolder) => void;
  /**
   * A lock whose heartbeat (the file's mtime, touched every few seconds) is older than this is
   * abandoned even if its pid is alive (another host, or a reused pid). Default 10 minutes.
   */
  staleMs?: number;
  /** How often a waiter looks again. Default 200 ms. */
  pollMs?: number;
  signal?: AbortSignal;
}

const DEFAULT_STALE_MS = 10 * 60_000;

/**
 * Runs `fn` while holding the ingest lock of `indexDir`, so at most one process (or one caller in
 * this process) writes generations there at a time. Readers (`ask`, the bot's hot reload) never
 * take it: they read CURRENT, which a writer replaces atomically. A lock left by a dead process
 * (same host, pid gone) or one whose heartbeat stopped is taken over.
 */
export async function withIngestLock<T>(
  indexDir: string,
  options: LockOptions,
  fn: (lock: IngestLock) => Promise<T>,
): Promise<T> {
  const held = await acquireIngestLock(indexDir, options);
  try {
    return await fn(held.lock);
  } finally {
    await held.release();
  }
}

/** The holder of the lock of `indexDir`, or null when no ingest holds it (stale locks count as none). */
export async function readLockHolder(indexDir: string, staleMs = DEFAULT_STALE_MS): Promise<LockHolder | null> {
  const found = await readLock(path.join(indexDir, LOCK_FILE));
  return found && !isStale(found, staleMs) ? found.holder : null;
}

/** "pid 123, started 03:12:45 UTC, 40 s ago" */
export function describeHolder(holder: LockHolder, now = Date.now()): string {
  const started = new Date(holder.startedAt);
  const ago = Math.max(0, Math.round((now - started.getTime()) / 1000));
  const host = holder.host === hostname() ? '' : ` on ${holder.host}`;
  return `pid ${holder.pid}${host}, started ${started.toISOString().slice(11, 19)} UTC, ${ago} s ago`;
}

async function acquireIngestLock(
  indexDir: string,
  options: LockOptions,
): Promise<{ lock: IngestLock; release: () => Promise<void> }> {
  const staleMs = options.staleMs ?? DEFAULT_STALE_MS;
  const file = path.join(indexDir, LOCK_FILE);
  await mkdir(indexDir, { recursive: true }).catch((error: unknown) => {
    throw indexWriteError(error, indexDir);
  });
  const holder: LockHolder = {
    pid: process.pid,
    host: hostname(),
    startedAt: new Date().toISOString(),
    token: randomBytes(8).toString('hex'),
  };
  let announced = false;
  for (;;) {
    options.signal?.throwIfAborted();
    if (await tryCreate(file, holder)) break;
    const found = await readLock(file);
    if (!found) continue;
    if (isStale(found, staleMs)) {
      await breakStale(indexDir, found.holder.token);
      continue;
    }
    if (options.wait === false) {
      throw new PolicybotError(
        'INDEX_LOCKED',
        `another ingest is running (${describeHolder(found.holder)}).`,
        'Wait for it to finish, or run without --no-wait to queue behind it.',
      );
    }
    if (!announced) options.onWait?.(found.holder);
    announced = true;
    await sleep(options.pollMs ?? 200, undefined, options.signal ? { signal: options.signal } : {});
  }
  const heartbeat = setInterval(
    () => {
      const now = new Date();
      utimes(file, now, now).catch(() => undefined);
    },
    Math.min(5_000, staleMs / 4),
  );
  heartbeat.unref();
  const lock: IngestLock = {
    indexDir,
    holder,
    assertHeld: async () => {
      const current = await readLock(file);
      if (current?.holder.token !== holder.token) {
        throw new PolicybotError(
          'INDEX_LOCKED',
          `The ingest lock of ${indexDir}/ was taken over by another process; nothing was published.`,
          'Run the ingest again.',
        );
      }
    },
  };
  const release = async () => {
    clearInterval(heartbeat);
    const current = await readLock(file);
    if (current?.holder.token === holder.token) await unlink(file).catch(() => undefined);
  };
  return { lock, release };
}

/** Creates the lock file with its content in one step: write a temp file, then hard-link it. */
async function tryCreate(file: string, holder: LockHolder): Promise<boolean> {
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

async function readLock(file: string): Promise<{ holder: LockHolder; touchedMs: number } | null> {
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

function isStale(found: { holder: LockHolder; touchedMs: number }, staleMs: number): boolean {
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
async function breakStale(indexDir: string, token: string): Promise<void> {
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
