// Lexical latency as `ask` has it (bench/vietnamese.ts): an index built and saved, then loaded
// from disk and timed after a full collection.
import { mkdtempSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { rankLexical } from '../src/retrieve/lexical-ranking.ts';
import type { AnalyzerOptions } from '../src/store/lexical/analyzer-options.ts';
import { LexicalIndex } from '../src/store/lexical/lexical-index.ts';
import type { LexicalInput } from '../src/store/lexical/lexical-options.ts';
import { folderBytes } from './folder-bytes.ts';
import { round } from './scale-targets.ts';
import { percentile } from './synthetic.ts';

/** A full collection where the process allows it (`--expose-gc`), so the timings start from a settled heap. */
function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Builds the index into `dir`; its build seconds. The built index is left to the collector. */
async function _buildAndSave(docs: readonly LexicalInput[], options: Partial<AnalyzerOptions>, dir: string) {
  const started = performance.now();
  const built = LexicalIndex.build(docs, options);
  const seconds = (performance.now() - started) / 1000;
  await built.save(dir);
  return seconds;
}

/** Builds, saves and times one index; its bytes on disk and lexical p50/p95 over `queries`. */
export async function measure(
  docs: readonly LexicalInput[],
  queries: readonly string[],
  options: Partial<AnalyzerOptions>,
  timed: boolean,
): Promise<{
  bytes: number;
  buildSeconds: number;
  latencyMs?: { p50: number; p95: number; cpuP50: number; cpuP95: number; loadAverage: number };
}> {
  const dir = mkdtempSync(path.join(tmpdir(), 'policybot-bench-vi-'));
  try {
    const buildSeconds = await _buildAndSave(docs, options, dir);
    const bytes = folderBytes(dir);
    if (!timed) return { bytes, buildSeconds: round(buildSeconds) };
    // Timed as `ask` and the bot have it: loaded from disk, the build's garbage collected first
    // (the npm scripts pass --expose-gc), not the index this process has just built.
    const index = await LexicalIndex.load(dir);
    collectGarbage();
    const passage = (doc: number) => docs[doc]!;
    // Wall-clock latency, and the process's CPU time per query beside it (on a shared machine
    // the wall clock also counts time given to other processes), with the load average.
    const pass = () => {
      const ms: number[] = [];
      const cpuMs: number[] = [];
      for (const q of queries) {
        const cpu = process.cpuUsage();
        const t = performance.now();
        rankLexical(index, q, 100, passage);
        ms.push(performance.now() - t);
        const used = process.cpuUsage(cpu);
        cpuMs.push((used.user + used.system) / 1000);
      }
      return { ms, cpuMs };
    };
    pass();
    const { ms, cpuMs } = pass();
    return {
      bytes,
      buildSeconds: round(buildSeconds),
      latencyMs: {
        p50: round(percentile(ms, 50)),
        p95: round(percentile(ms, 95)),
        cpuP50: round(percentile(cpuMs, 50)),
        cpuP95: round(percentile(cpuMs, 95)),
        loadAverage: round(os.loadavg()[0]!, 1),
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
