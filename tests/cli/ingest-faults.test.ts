import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { loadIndex } from '../../src/store/load-index.ts';
import { keywordEnv } from '../fixtures/corpus/bundled-corpus.ts';

/** Real `policybot` processes meeting a full disk, a read-only index, hostile names and text. */
const root = path.resolve(import.meta.dirname, '../..');
const work = mkdtempSync(path.join(tmpdir(), 'policybot-faults-'));
const enospc = path.resolve(import.meta.dirname, '../fixtures/hostile/enospc.mjs');
let corpus: string;
let indexDir: string;
let n = 0;

beforeEach(() => {
  n++;
  corpus = path.join(work, `c${n}`, 'corpus');
  indexDir = path.join(work, `c${n}`, 'index');
  mkdirSync(corpus, { recursive: true });
  writeFileSync(
    path.join(corpus, 'a.txt'),
    `Telemedicine\n\n${'Circular 49 regulates telemedicine and remote consultations. '.repeat(400)}\n`,
  );
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

function policybot(args: string[], extraEnv: Record<string, string> = {}, nodeArgs: string[] = []) {
  const env = { ...keywordEnv(work, corpus, indexDir), ...extraEnv };
  const run = spawnSync(process.execPath, [...nodeArgs, path.join(root, 'bin/policybot.js'), ...args], {
    cwd: work,
    env,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('policybot ingest under faults', () => {
  it('on a full disk removes its partial output, says how much it needs, and the next ingest succeeds', () => {
    expect(policybot(['ingest']).code).toBe(0);
    const live = readFileSync(path.join(indexDir, 'CURRENT'), 'utf8');
    writeFileSync(
      path.join(corpus, 'b.txt'),
      `Records\n\n${'Circular 46 prescribes electronic medical records. '.repeat(400)}\n`,
    );
    const full = policybot(['ingest'], { POLICYBOT_TEST_DISK_BYTES: '4096' }, ['--import', enospc]);
    expect(full.code).toBe(1);
    expect(full.stderr).toMatch(/disk full: [\d.]+ MB needed, [\d.]+ MB free in .+index\/\./);
    expect(readdirSync(indexDir).filter((e) => e.endsWith('.partial'))).toEqual([]);
    expect(readFileSync(path.join(indexDir, 'CURRENT'), 'utf8')).toBe(live);
    const again = policybot(['ingest']);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^Indexed 2 files/);
  });

  it('publishes nothing when nothing changed, and says the index is up to date', () => {
    expect(policybot(['ingest']).code).toBe(0);
    const generations = readdirSync(indexDir).filter((e) => e.startsWith('gen-'));
    const again = policybot(['ingest']);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^Nothing changed: index is up to date \(1 files, \d+ passages/);
    expect(readdirSync(indexDir).filter((e) => e.startsWith('gen-'))).toEqual(generations);
  });

  it('says the index folder is not writable instead of ENOENT', (ctx) => {
    mkdirSync(indexDir, { recursive: true });
    const undo = makeReadOnly(indexDir);
    if (!undo) return ctx.skip('cannot make a folder read-only here (root without mount)');
    try {
      const run = policybot(['ingest']);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/index\/ is not writable \((EACCES|EROFS)\)/);
    } finally {
      undo();
    }
  });

  it('shows file names escaped, one per line, whatever they contain', () => {
    writeFileSync(path.join(corpus, 'bad\nname\u001b[2J.bin'), 'x');
    const run = policybot(['ingest']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('  skipped: corpus/bad\\nname\\x1b[2J.bin — unsupported file type .bin\n');
    expect(run.stdout).not.toContain('\u001b');
  });
});

describe('policybot ask output', () => {
  it('removes escape sequences found in corpus text from the terminal output, not from the index', async () => {
    writeFileSync(
      path.join(corpus, 'a.txt'),
      'Telemedicine\n\nCircular 49 regulates\u001b]0;pwned\u0007 telemedicine.\u001b[2J Hospitals comply.\n',
    );
    const run = policybot(['ask', 'What does Circular 49 regulate?']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Circular 49 regulates telemedicine.');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: no control character may reach the terminal
    expect(run.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    const index = await loadIndex(indexDir);
    expect(index.chunks.some((c) => c.text.includes('\u001b]0;pwned\u0007'))).toBe(true);
    index.close?.();
    expect(existsSync(path.join(indexDir, 'ingest.lock'))).toBe(false);
  });
});

/** Makes `dir` read-only: by permissions, or for root (whom permissions do not stop) by mounting a read-only tmpfs on it. */
function makeReadOnly(dir: string): (() => void) | null {
  if (process.getuid?.() !== 0) {
    chmodSync(dir, 0o555);
    return () => chmodSync(dir, 0o755);
  }
  const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=64k', 'policybot-test', dir]);
  return mount.status === 0 ? () => void spawnSync('umount', [dir]) : null;
}
