// Compiles src/ into dist/ (tsc -p tsconfig.build.json) and tells whether dist/ is older than
// src/. Plain JavaScript with no dependencies, because it runs before any compiled code exists:
// from `npm run build` / `prepare`, and from bin/policybot.js when sources changed since.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Written after a complete build; its time is the build's time. */
const STAMP = path.join(ROOT, 'dist', '.build-stamp');
const INPUTS = ['tsconfig.json', 'tsconfig.build.json'];

/**
 * Why dist/ cannot be run as it is: 'missing' (never built), 'stale' (a source or compiler
 * setting is newer than the build, e.g. after an edit or a `git pull`), or null when up to date.
 * Costs one stat per source file (about a millisecond).
 */
export function buildState() {
  let built;
  try {
    built = statSync(STAMP).mtimeMs;
  } catch {
    return { state: 'missing', file: null };
  }
  const sources = readdirSync(path.join(ROOT, 'src'), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => path.join(entry.parentPath, entry.name));
  for (const file of [...INPUTS.map((name) => path.join(ROOT, name)), ...sources]) {
    if (statSync(file).mtimeMs > built) return { state: 'stale', file: path.relative(ROOT, file) };
  }
  return { state: null, file: null };
}

/** True when the TypeScript compiler is installed (not in a production-only install). */
export function canBuild() {
  return existsSync(path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'));
}

/**
 * Runs tsc (incremental: an unchanged tree takes about a second) with its output on stderr,
 * so a command's stdout stays clean. Emits even when type errors exist (CI type-checks
 * separately); returns tsc's exit status.
 */
export function build() {
  const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  // The stamp carries the start time, so a file saved while tsc runs still counts as newer.
  const started = new Date();
  const run = spawnSync(process.execPath, [tsc, '-p', path.join(ROOT, 'tsconfig.build.json')], {
    cwd: ROOT,
    stdio: ['ignore', process.stderr, process.stderr],
  });
  if (existsSync(path.join(ROOT, 'dist', 'cli', 'main.js'))) {
    writeFileSync(STAMP, `${started.toISOString()}\n`);
    utimesSync(STAMP, started, started);
  }
  return run.status ?? 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = build();
}
