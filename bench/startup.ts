// Start-up of the `policybot` command, as a ratio to a bare `node -e 0` measured in the same run
// (the machine's speed and load cancel out). Part of `npm run bench`; alone: `npm run bench:startup`.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const bin = path.join(root, 'bin/policybot.js');
const QUESTION = 'What does Circular 49 require?';
/** Targets of issue 12, as multiples of `node -e 0`. */
const TARGETS = { help: 4, ask: 8 } as const;

interface Case {
  name: string;
  args: string[];
}

function _median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

function _round(x: number, digits = 1): number {
  return Math.round(x * 10 ** digits) / 10 ** digits;
}

/** Wall time of one run in ms; throws when the command fails (a broken build is not fast). */
function _time(c: Case, env: NodeJS.ProcessEnv): number {
  const start = process.hrtime.bigint();
  const run = spawnSync(process.execPath, c.args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (run.status !== 0) throw new Error(`${c.name} exited ${run.status}: ${run.stderr.toString()}`);
  return ms;
}

/** Peak resident memory of one run in MB, written by the process itself as it exits. */
function _peakRssMB(c: Case, env: NodeJS.ProcessEnv, file: string): number {
  const hook = `import { writeFileSync } from 'node:fs';
process.on('exit', () => writeFileSync(${JSON.stringify(file)}, String(process.resourceUsage().maxRSS)));`;
  rmSync(file, { force: true });
  spawnSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(hook)}`, ...c.args], {
    env,
    stdio: 'ignore',
  });
  try {
    return _round(Number(readFileSync(file, 'utf8')) / 1024);
  } catch {
    return Number.NaN;
  }
}

/**
 * Times `node -e 0`, `policybot --help` and `policybot ask "…"` (default settings, no usable model, a built index),
 * `runs` times each, interleaved so that a change in the machine's load hits all three alike.
 */
export function measureStartup(runs = 15): Record<string, unknown> {
  const work = mkdtempSync(path.join(tmpdir(), 'policybot-startup-'));
  try {
    // Default settings (SEMANTIC_SEARCH=auto, downloads allowed) on a machine without a usable
    // model: an empty MODELS_DIR. The ingest that builds the index may not download either, so
    // the index has no vectors wherever this runs.
    const { SEMANTIC_SEARCH: _off, ALLOW_REMOTE_MODELS: _remote, ...inherited } = process.env;
    const env = {
      ...inherited,
      INDEX_DIR: path.join(work, 'index'),
      CORPUS_DIR: path.join(root, 'corpus'),
      MODELS_DIR: path.join(work, 'models'),
    };
    mkdirSync(env.MODELS_DIR, { recursive: true });
    execFileSync(process.execPath, [bin, 'ingest'], { env: { ...env, ALLOW_REMOTE_MODELS: 'false' }, stdio: 'ignore' });
    const cases: Case[] = [
      { name: 'node -e 0', args: ['-e', '0'] },
      { name: 'policybot --help', args: [bin, '--help'] },
      { name: `policybot ask "${QUESTION}"`, args: [bin, 'ask', QUESTION] },
    ];
    for (const c of cases) _time(c, env); // warm the file cache
    const times = cases.map(() => [] as number[]);
    for (let i = 0; i < runs; i++) {
      for (const [j, c] of cases.entries()) times[j]?.push(_time(c, env));
    }
    const [node = 0, help = 0, ask = 0] = times.map(_median);
    const rss = cases.map((c) => _peakRssMB(c, env, path.join(work, 'rss')));
    return {
      runs,
      medianMs: Object.fromEntries(cases.map((c, j) => [c.name, _round(times[j] ? _median(times[j]) : 0)])),
      peakRssMB: Object.fromEntries(cases.map((c, j) => [c.name, rss[j]])),
      targets: {
        [`policybot --help ≤ ${TARGETS.help}× node -e 0`]: {
          ratio: _round(help / node, 2),
          pass: help / node <= TARGETS.help,
        },
        [`policybot ask ≤ ${TARGETS.ask}× node -e 0 (default settings, no model, built index)`]: {
          ratio: _round(ask / node, 2),
          pass: ask / node <= TARGETS.ask,
        },
      },
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  process.stdout.write(`${JSON.stringify(measureStartup(Number(process.env.BENCH_STARTUP_RUNS ?? 15)), null, 2)}\n`);
}
