import type { ResourceLimits, Worker } from 'node:worker_threads';
import { type ErrorCode, PolicybotError } from '../errors.ts';
import { startReadyWorker } from '../lib/module-worker.ts';
import type { Chunk } from '../types.ts';
import { type LexicalOptions, lexicalInput, resolveLexicalOptions } from './lexical/lexical-options.ts';
import { writeLexicalIndex } from './lexical/write-lexical.ts';
import type { LexicalThreadAhead } from './lexical-thread-ahead.ts';

/**
 * Below this much passage text (UTF-16 code units, about 1 MB of English) the lexical index is
 * built on the calling thread: a thread costs ~0.15 CPU-s to start and load its modules (and its
 * build runs cold), about what the calling thread's stall would be (~0.3 s per MB; README).
 */
export const LEXICAL_THREAD_MIN_CHARS = 1 << 20;

/** Where the lexical index is built: by size (the default), or as a test asks. */
export interface LexicalThreadSettings {
  /** Passage text from which the build runs on its own thread ({@link LEXICAL_THREAD_MIN_CHARS}). */
  minChars?: number;
  /** The thread's heap limits (Node's worker resourceLimits). */
  resourceLimits?: ResourceLimits;
  /** The build's thread, started while its corpus was parsed: used (and ended) if it started. */
  ahead?: LexicalThreadAhead;
}

/** The one job a lexical thread is sent (lexical-worker.ts): the chunks' lexical fields and the resolved options. */
export interface LexicalJob {
  dir: string;
  titles: string[];
  sections: string[];
  texts: string[];
  options: LexicalOptions;
}

/** The thread's answer: its files are written, or why not. */
export type LexicalReply =
  | { ok: true; cpuSeconds: number }
  | {
      ok: false;
      error: { policybot: boolean; name: string; message: string; stack?: string; code?: string; hint?: string } & {
        errno?: number;
        syscall?: string;
        path?: string;
      };
    };

const threadStats = { jobs: 0, cpuSeconds: 0 };

/**
 * Indexes this process's lexical threads have written so far, and the CPU seconds they took
 * (Linux, else 0): the ingest bench counts them apart from the process's other ended threads.
 */
export function lexicalThreadStats(): Readonly<typeof threadStats> {
  return { ...threadStats };
}

/**
 * The lexical index of a generation's chunks, built and written into its folder (`lexical.*`
 * files, as LexicalIndex.save writes them) on a thread of its own (lexical-worker.ts), so the
 * caller's event loop keeps running (a bot's answers, the vectors reaching the HNSW graph)
 * while it is built; on the calling thread for small corpora or when no thread can start: the
 * same files either way. `written` gives the options in force (for the manifest) once the
 * files are written; it rejects with the build's or the write's error, when the thread
 * stops, when `signal` aborts (its reason), or after `cancel()`, which ends the thread.
 */
export class LexicalWrite {
  readonly written: Promise<Readonly<LexicalOptions>>;
  private worker: Worker | null = null;
  private cancelled = false;

  /** Throws CONFIG_INVALID for out-of-range options, before anything starts. */
  constructor(
    dir: string,
    chunks: readonly Chunk[],
    options: Partial<LexicalOptions> = {},
    settings: LexicalThreadSettings = {},
    signal?: AbortSignal,
  ) {
    const resolved = resolveLexicalOptions(options);
    this.written = this._write(dir, chunks, resolved, settings, signal).then(() => resolved);
    // Awaited by the caller (or not, after another failure): not an unhandled rejection meanwhile.
    this.written.catch(() => undefined);
  }

  /**
   * Ends the thread, if one is building (`written` rejects), and resolves once nothing more
   * is written: a build on this thread finishes its write first (the caller then removes it).
   */
  async cancel(): Promise<void> {
    this.cancelled = true;
    await this.worker?.terminate();
    await this.written.catch(() => undefined);
  }

  private async _write(
    dir: string,
    chunks: readonly Chunk[],
    options: LexicalOptions,
    settings: LexicalThreadSettings,
    signal: AbortSignal | undefined,
  ): Promise<void> {
    let chars = 0;
    for (const chunk of chunks) chars += chunk.text.length;
    const ahead = settings.ahead?.take() ?? null;
    if (ahead || chars >= (settings.minChars ?? LEXICAL_THREAD_MIN_CHARS)) {
      const limits = settings.resourceLimits ? { resourceLimits: settings.resourceLimits } : {};
      const worker = await (ahead ?? startReadyWorker(import.meta.url, 'lexical-worker', limits).catch(() => null));
      if (worker) {
        this.worker = worker;
        if (this.cancelled) {
          await worker.terminate();
          throw new Error('The lexical index build was cancelled.');
        }
        const job: LexicalJob = { dir, titles: [], sections: [], texts: [], options };
        for (const chunk of chunks) {
          job.titles.push(chunk.title);
          job.sections.push(chunk.section.join(' › '));
          job.texts.push(chunk.text);
        }
        return _onThread(worker, job, signal);
      }
    }
    signal?.throwIfAborted();
    if (this.cancelled) throw new Error('The lexical index build was cancelled.');
    await writeLexicalIndex(chunks.map(lexicalInput), options, dir);
  }
}

/** Sends `job` to `worker` and settles with its reply (the thread then ended), its stop or the abort. */
function _onThread(worker: Worker, job: LexicalJob, signal: AbortSignal | undefined): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const end = (settle: () => void) => {
      worker.off('message', onReply).off('error', onError).off('exit', onExit);
      signal?.removeEventListener('abort', onAbort);
      void worker.terminate().then(settle, settle);
    };
    const onReply = (reply: LexicalReply) => {
      if (reply.ok) {
        threadStats.jobs++;
        threadStats.cpuSeconds += reply.cpuSeconds;
      }
      end(() => (reply.ok ? resolve() : reject(_revive(reply.error))));
    };
    const onError = (error: Error) => end(() => reject(error));
    const onExit = (code: number) => end(() => reject(new Error(`The lexical thread stopped (exit code ${code}).`)));
    const onAbort = () => end(() => reject(signal?.reason));
    worker.once('message', onReply).once('error', onError).once('exit', onExit);
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.postMessage(job);
  });
}

/** The thread's error as the error the main thread would have thrown: code, hint and errno fields kept. */
function _revive(sent: Extract<LexicalReply, { ok: false }>['error']): Error {
  const { policybot, name, message, stack, code, hint, ...fields } = sent;
  const error =
    policybot && code
      ? new PolicybotError(code as ErrorCode, message, hint)
      : Object.assign(new Error(message), fields);
  if (!policybot) Object.assign(error, { name, ...(code ? { code } : {}) });
  if (stack) error.stack = stack;
  return error;
}
