import { stat } from 'node:fs/promises';
import path from 'node:path';
import { type FSWatcher, watch } from 'chokidar';
import { describeError } from '../errors.ts';

export interface WatchOptions {
  corpusDir: string;
  /** Quiet period after the last change before an update starts (WATCH_DEBOUNCE_SECONDS). */
  debounceMs: number;
  /** A changed file must keep its size and modification time this long before it is read. */
  settleMs?: number;
  /** The update: an incremental ingest and a reload. Never runs twice at once. */
  update: (changed: string[]) => Promise<void>;
  onError?: (error: unknown) => void;
}

/** What the watcher has done, for /sources. */
export interface WatchStatus {
  updates: number;
  lastUpdate: { at: string; ok: boolean; reason?: string } | null;
}

/** A running watch; `close()` stops it and waits for an update in progress. */
export interface CorpusWatch {
  status(): WatchStatus;
  close(): Promise<void>;
}

interface Seen {
  size: number;
  mtimeMs: number;
}

/**
 * Watches the corpus folder (recursively, dot folders such as `.removed/` ignored) and runs
 * `update` once things are quiet: `debounceMs` after the last change, and only when every
 * changed file has kept its size for `settleMs`, so a file still being written is not read
 * half-way. Changes during an update lead to one more update after it, so a burst of a
 * hundred changes costs one or two updates, not a hundred.
 */
export async function watchCorpus(options: WatchOptions): Promise<CorpusWatch> {
  const root = path.resolve(options.corpusDir);
  const settleMs = options.settleMs ?? 1000;
  const changed = new Map<string, Seen | null>();
  const state: WatchStatus = { updates: 0, lastUpdate: null };
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let closed = false;

  const arm = (ms: number) => {
    if (closed) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void fire(), ms);
  };
  const fire = async () => {
    timer = null;
    if (running) return; // the update in progress re-arms when it ends
    const unsettled = await findUnsettled(changed, settleMs);
    if (unsettled) return arm(settleMs);
    const files = [...changed.keys()].map((abs) => path.relative(root, abs));
    changed.clear();
    running = (async () => {
      try {
        await options.update(files);
        state.lastUpdate = { at: new Date().toISOString(), ok: true };
      } catch (error) {
        state.lastUpdate = { at: new Date().toISOString(), ok: false, reason: describeError(error) };
        options.onError?.(error);
      } finally {
        state.updates++;
        running = null;
        if (changed.size > 0) arm(options.debounceMs);
      }
    })();
    await running;
  };

  const watcher: FSWatcher = watch(root, {
    ignoreInitial: true,
    ignored: (p: string) =>
      path
        .relative(root, p)
        .split(path.sep)
        .some((part) => part.startsWith('.')),
  });
  const onChange = (p: string) => {
    changed.set(p, null);
    if (!running) arm(options.debounceMs);
  };
  for (const event of ['add', 'change', 'unlink', 'addDir', 'unlinkDir'] as const) watcher.on(event, onChange);
  watcher.on('error', (error) => options.onError?.(error));
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));

  return {
    status: () => ({ ...state }),
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      await watcher.close();
      await running;
    },
  };
}

/**
 * True when some changed file is still growing or was touched within `settleMs`. Records the
 * size seen, so the next check compares against it. A file that is gone counts as settled.
 */
async function findUnsettled(changed: Map<string, Seen | null>, settleMs: number): Promise<boolean> {
  let unsettled = false;
  const now = Date.now();
  for (const [file, before] of changed) {
    const info = await stat(file).catch(() => null);
    if (!info || info.isDirectory()) continue;
    const seen = { size: info.size, mtimeMs: info.mtimeMs };
    const same = before !== null && before.size === seen.size && before.mtimeMs === seen.mtimeMs;
    if (!same || now - info.mtimeMs < settleMs) unsettled = true;
    changed.set(file, seen);
  }
  return unsettled;
}
