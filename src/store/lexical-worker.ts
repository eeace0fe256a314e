// The lexical thread's module (see lexical-thread.ts): builds the lexical index from the one job
// it is sent, writes its files into the generation folder, and replies once they are written
// (or with the error, its code and hint kept). Then it has nothing left to do and the caller ends it.
import { readFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { PolicybotError } from '../errors.ts';
import { nameThread } from '../lib/thread-name.ts';
import { writeLexicalIndex } from './lexical/write-lexical.ts';
import type { LexicalJob, LexicalReply } from './lexical-thread.ts';

nameThread('lexical');
const port = parentPort;
if (!port) throw new Error('lexical-worker.ts runs only as a worker thread (see lexical-thread.ts).');
port.once('message', async ({ dir, titles, sections, texts, options }: LexicalJob) => {
  let reply: LexicalReply;
  try {
    const docs = texts.map((text, i) => ({ title: titles[i]!, section: sections[i]!, text }));
    await writeLexicalIndex(docs, options, dir);
    reply = { ok: true, cpuSeconds: _cpuSeconds() };
  } catch (error) {
    const e = error as Error & { code?: unknown; hint?: unknown; errno?: unknown; syscall?: unknown; path?: unknown };
    reply = {
      ok: false,
      error: {
        policybot: error instanceof PolicybotError,
        name: e?.name ?? 'Error',
        message: e?.message ?? String(error),
        ...(e?.stack ? { stack: e.stack } : {}),
        ...(typeof e?.code === 'string' ? { code: e.code } : {}),
        ...(typeof e?.hint === 'string' ? { hint: e.hint } : {}),
        ...(typeof e?.errno === 'number' ? { errno: e.errno } : {}),
        ...(typeof e?.syscall === 'string' ? { syscall: e.syscall } : {}),
        ...(typeof e?.path === 'string' ? { path: e.path } : {}),
      },
    };
  }
  port.postMessage(reply);
});
port.postMessage('ready');

/** This thread's CPU time so far (Linux; 0 elsewhere): the bench counts it apart from the process's other ended threads. */
function _cpuSeconds(): number {
  try {
    return Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e9;
  } catch {
    return 0;
  }
}
