import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCK_FILE, withIngestLock } from '../../src/store/ingest-lock.ts';
import { loadIndex } from '../../src/store/load-index.ts';
import { keywordEnv } from '../fixtures/corpus/bundled-corpus.ts';
import { generateCorpus } from '../fixtures/corpus/generate-corpus.ts';

/** Real `policybot ingest` processes racing on one index folder, over a corpus that takes seconds. */
const root = path.resolve(import.meta.dirname, '../..');
const work = mkdtempSync(path.join(tmpdir(), 'policybot-race-'));
const corpus = path.join(work, 'corpus');
const FILES = 80;

interface Run {
  pid: number;
  stderr: () => string;
  done: Promise<{ code: number | null; stdout: string; stderr: string }>;
}

function ingest(indexDir: string, args: string[] = []): Run {
  const env = keywordEnv(work, corpus, indexDir);
  const child = spawn(process.execPath, [path.join(root, 'bin/policybot.js'), 'ingest', ...args], { cwd: work, env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return {
    pid: child.pid ?? 0,
    stderr: () => stderr,
    done: new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr }))),
  };
}

/** The live index loads, holds every file, and every passage reads back with a valid checksum. */
async function expectIntact(indexDir: string): Promise<void> {
  const index = await loadIndex(indexDir);
  expect(Object.keys(index.manifest.files)).toHaveLength(FILES);
  expect(index.chunks.length).toBe(index.manifest.chunkCount);
  expect(index.chunks.every((c) => c.text.length > 0)).toBe(true);
  const entries = readdirSync(indexDir);
  expect(entries.filter((e) => e.endsWith('.partial') || e.endsWith('.tmp'))).toEqual([]);
  expect(entries).not.toContain(LOCK_FILE);
}

beforeAll(() => generateCorpus(corpus, FILES, 20));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('two ingests on one index folder', () => {
  it('started together: one builds, the other waits and finds the index up to date', async () => {
    const indexDir = path.join(work, 'index-together');
    const [a, b] = await Promise.all([ingest(indexDir).done, ingest(indexDir).done]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const outputs = [a.stdout, b.stdout];
    expect(outputs.filter((o) => o.startsWith(`Indexed ${FILES} files`))).toHaveLength(1);
    expect(outputs.filter((o) => o.includes('index is up to date'))).toHaveLength(1);
    await expectIntact(indexDir);
    expect(readdirSync(indexDir).filter((e) => e.startsWith('gen-'))).toHaveLength(1);
  });

  it('a second ingest says it is waiting for the lock holder, naming it, and runs once it is free', async () => {
    const indexDir = path.join(work, 'index-wait');
    await withIngestLock(indexDir, {}, async () => {
      const waiting = ingest(indexDir);
      while (!waiting.stderr().includes('Waiting')) await new Promise((r) => setTimeout(r, 50));
      expect(waiting.stderr()).toMatch(
        new RegExp(
          `Waiting for another ingest of .+ to finish \\(pid ${process.pid}, started \\d\\d:\\d\\d:\\d\\d UTC`,
        ),
      );
      expect(existsSync(path.join(indexDir, 'CURRENT'))).toBe(false);
      return waiting;
    }).then(async (waiting) => {
      const run = await waiting.done;
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(new RegExp(`^Indexed ${FILES} files`));
    });
    await expectIntact(indexDir);
  });

  it('--no-wait exits 2 at once, naming the running ingest, and leaves its lock alone', async () => {
    const indexDir = path.join(work, 'index-no-wait');
    await withIngestLock(indexDir, {}, async () => {
      const run = await ingest(indexDir, ['--no-wait']).done;
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(
        new RegExp(`policybot ingest: another ingest is running \\(pid ${process.pid}, started `),
      );
      expect(existsSync(path.join(indexDir, LOCK_FILE))).toBe(true);
    });
    expect(existsSync(path.join(indexDir, LOCK_FILE))).toBe(false);
  });

  it('takes over the lock of a dead ingest and removes the partial generations it left', async () => {
    const indexDir = path.join(work, 'index-dead');
    mkdirSync(path.join(indexDir, 'gen-20200101000000000-abcdef.partial'), { recursive: true });
    writeFileSync(path.join(indexDir, 'gen-20200101000000000-abcdef.partial', 'chunks.text'), 'x'.repeat(10_000));
    const dead = spawn(process.execPath, ['-e', '']);
    await new Promise((r) => dead.on('exit', r));
    writeFileSync(
      path.join(indexDir, LOCK_FILE),
      JSON.stringify({
        pid: dead.pid,
        host: (await import('node:os')).hostname(),
        startedAt: new Date().toISOString(),
        token: 'dead',
      }),
    );
    const run = await ingest(indexDir, ['--no-wait']).done;
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/removed 1 unfinished generation/);
    await expectIntact(indexDir);
  });
});
