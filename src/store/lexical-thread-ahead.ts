import type { Worker } from 'node:worker_threads';
import { startReadyWorker } from '../lib/module-worker.ts';
import { LEXICAL_THREAD_MIN_CHARS, type LexicalThreadSettings } from './lexical-thread.ts';

/**
 * The lexical thread of a build, started while the corpus is parsed (see LexicalWrite), so that
 * its start and module loading (~0.15 CPU-s) run beside the parsing instead of before the
 * lexical build. It starts once the files parsed so far hold enough passage text for the write
 * to use a thread and at least one of them changed (a build found up to date starts none).
 */
export class LexicalThreadAhead {
  private chars = 0;
  private changed = false;
  private started: Promise<Worker | null> | null = null;
  private taken = false;
  private exited = false;

  constructor(private readonly settings: LexicalThreadSettings = {}) {}

  /** Counts a parsed file's passages; starts the thread when there is enough text. */
  count(file: { chunks: readonly { text: string }[]; reused: boolean }): void {
    for (const chunk of file.chunks) this.chars += chunk.text.length;
    this.changed ||= !file.reused;
    if (this.started || this.taken || !this.changed) return;
    if (this.chars < (this.settings.minChars ?? LEXICAL_THREAD_MIN_CHARS)) return;
    const limits = this.settings.resourceLimits ? { resourceLimits: this.settings.resourceLimits } : {};
    this.started = startReadyWorker(import.meta.url, 'lexical-worker', limits).then(
      (worker) => {
        // Idle until the write: a thread that stops meanwhile is not handed out (the write builds elsewhere).
        worker.on('error', () => undefined).once('exit', () => (this.exited = true));
        return worker;
      },
      () => null,
    );
  }

  /** The thread started ahead (null when none was, or it could not start); the caller then owns it. */
  take(): Promise<Worker | null> | null {
    this.taken = true;
    const started = this.started;
    this.started = null;
    return started?.then((worker) => (this.exited ? null : worker)) ?? null;
  }

  /** Ends a thread that was started and not taken (an up-to-date build, a failure); safe to call twice. */
  async close(): Promise<void> {
    const started = this.started;
    this.take();
    await (await started)?.terminate();
  }
}
