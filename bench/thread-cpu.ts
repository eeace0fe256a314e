// CPU time by thread for the ingest bench (Linux only: read from /proc). Each worker thread of
// the embedding path names itself (src/lib/thread-name.ts); threads ONNX Runtime starts take the
// name of the thread that started them, which the passage thread holds while its model loads.
import { readdirSync, readFileSync } from 'node:fs';
import { lexicalThreadStats } from '../src/store/lexical-thread.ts';
import { vectorFileStats } from '../src/store/vector-file.ts';
import { round } from './scale-targets.ts';

/** The process's CPU time (µs, dead threads included) and each live thread's, by thread id (ns). */
export interface ThreadTimes {
  processMicros: number;
  /** CPU seconds the lexical threads (large corpora; src/store/lexical-thread.ts) reported before they ended. */
  lexicalSeconds: number;
  /** CPU seconds the HNSW graph's threads (src/store/vector-file.ts) reported with their file written. */
  hnswSeconds: number;
  threads: Map<string, { name: string; nanos: number }>;
}

/** Thread names (as set by nameThread) and the key each is reported under. */
const NAMED: Record<string, string> = { passage: 'passage', 'passage-onnx': 'passageOnnx', pooling: 'pooling' };

/** Now, or null where /proc cannot tell (not Linux). */
export function threadTimes(): ThreadTimes | null {
  if (process.platform !== 'linux') return null;
  try {
    const threads = new Map<string, { name: string; nanos: number }>();
    for (const tid of readdirSync('/proc/self/task')) {
      try {
        threads.set(tid, { name: readFileSync(`/proc/self/task/${tid}/comm`, 'utf8').trim(), nanos: _nanos(tid) });
      } catch {
        // The thread ended between the listing and the read: counted with the ended ones.
      }
    }
    const { user, system } = process.cpuUsage();
    return {
      processMicros: user + system,
      lexicalSeconds: lexicalThreadStats().cpuSeconds,
      hnswSeconds: vectorFileStats().cpuSeconds,
      threads,
    };
  } catch {
    return null;
  }
}

/**
 * CPU seconds between two readings, by thread: the main thread, the passage thread (its own
 * JavaScript and the forward passes it runs) and its extra ONNX Runtime threads, the pooling
 * thread, the HNSW graph's thread, and all others (V8's GC and compiler threads, libuv's pool,
 * the main thread's own ONNX Runtime threads). They add up to `total`, the process's time. The
 * HNSW and lexical threads have ended by the second reading and took their counts with them:
 * each reported its own as it finished (`hnsw`, `lexical`). `ended` is the rest of the process's
 * time not found on a live thread: what those two spent after reporting (ending), any other
 * thread that ended during the build, and the skew between reading /proc and the process's
 * total. A new thread a build starts and ends shows up there, not under another's name.
 */
export function threadCpuSeconds(before: ThreadTimes, after: ThreadTimes): Record<string, number> {
  const seconds: Record<string, number> = {
    main: 0,
    passage: 0,
    passageOnnx: 0,
    pooling: 0,
    hnsw: after.hnswSeconds - before.hnswSeconds,
    lexical: after.lexicalSeconds - before.lexicalSeconds,
    ended: 0,
    other: 0,
  };
  let live = 0;
  for (const [tid, { name, nanos }] of after.threads) {
    const spent = (nanos - (before.threads.get(tid)?.nanos ?? 0)) / 1e9;
    const key = tid === String(process.pid) ? 'main' : (NAMED[name] ?? 'other');
    seconds[key]! += spent;
    live += spent;
  }
  const total = (after.processMicros - before.processMicros) / 1e6;
  seconds.ended = Math.max(0, total - live - seconds.hnsw! - seconds.lexical!);
  seconds.total = total;
  return Object.fromEntries(Object.entries(seconds).map(([k, v]) => [k, round(v)]));
}

/**
 * A thread's CPU time in ns: the first field of schedstat, the run time the kernel also splits
 * into stat's utime + stime, but exact where those are whole clock ticks (10 ms), so the
 * threads add up to the process's time. From stat (ticks of 1/100 s) where schedstat is absent.
 */
function _nanos(tid: string): number {
  try {
    return Number(readFileSync(`/proc/self/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
  } catch {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime: fields 14 and 15 of stat, 12 and 13 after the name.
    return (Number(fields[11]) + Number(fields[12])) * 1e7;
  }
}
