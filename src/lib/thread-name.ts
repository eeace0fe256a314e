import { writeFileSync } from 'node:fs';

/**
 * Names the calling thread (Linux: what `top -H` and /proc/self/task/<tid>/comm show, at most 15
 * bytes), so its CPU time can be told apart from the process's other threads (see the ingest
 * bench); threads it starts afterwards take the same name. Does nothing where that is not possible.
 */
export function nameThread(name: string): void {
  try {
    writeFileSync('/proc/thread-self/comm', name);
  } catch {
    // Not Linux, or /proc not mounted: the thread keeps its name.
  }
}
