import { randomBytes } from 'node:crypto';
import { mkdir, unlink, utimes } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { PolicybotError } from '../errors.ts';
import {
  breakStale,
  DEFAULT_STALE_MS,
  describeHolder,
  isStale,
  LOCK_FILE,
  type LockHolder,
  readLock,
  tryCreateLock,
} from './lock-file.ts';
import { indexWriteError } from './write-errors.ts';

export { describeHolder, LOCK_FILE, type LockHolder } from './lock-file.ts';

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
    if (await tryCreateLock(file, holder)) break;
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
