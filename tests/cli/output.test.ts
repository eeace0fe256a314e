import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Output reaches whatever reads it: a slow pipe, a file, a reader that leaves early. Real
 * shells and pipes around the real `policybot` command, on a lexical index built once.
 */
const root = path.resolve(import.meta.dirname, '../..');
const bin = path.join(root, 'bin/policybot.js');
const work = mkdtempSync(path.join(tmpdir(), 'policybot-output-'));
const env = {
  ...process.env,
  INDEX_DIR: path.join(work, 'index'),
  CORPUS_DIR: path.join(root, 'corpus'),
  SEMANTIC_SEARCH: 'off',
  BIN: bin,
  OUT: path.join(work, 'out.jsonl'),
};
/** 300 questions on stdin, as in the report that found output lost in a slow pipe. */
const QUESTIONS = 'for i in $(seq 300); do echo "Circular 49 q$i"; done';

function sh(script: string) {
  const run = spawnSync('bash', ['-c', script], { cwd: work, env, encoding: 'utf8', timeout: 120_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

beforeAll(() => {
  expect(sh('node "$BIN" ingest').code).toBe(0);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('policybot output', () => {
  it('delivers every answer to a reader that starts reading only after the writer is done', async () => {
    // ~2 MB of JSON lines, far more than a pipe holds. The reader does not read until the
    // command has exited, or has waited 3 s for the reader: a command that exits with
    // output still queued (as `process.exit` after writes did) loses everything past the
    // pipe's buffer, and one that waits for its reader is read after the 3 s.
    const child = spawn(process.execPath, [bin, 'ask'], { cwd: work, env, stdio: ['pipe', 'pipe', 'ignore'] });
    child.stdin.end(Array.from({ length: 300 }, (_, i) => `Circular 49 q${i + 1}\n`).join(''));
    child.stdout.pause();
    const exited = once(child, 'exit');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 3000))]);
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.stdout.resume();
    const [code] = (await exited) as [number];
    if (!child.stdout.readableEnded) await once(child.stdout, 'end');
    expect(code).toBe(0);
    const lines = text.trim().split('\n');
    expect(lines).toHaveLength(300);
    expect(JSON.parse(lines[299] ?? '').query).toBe('Circular 49 q300');
  });

  it('delivers every answer to a file', () => {
    expect(sh(`${QUESTIONS} | node "$BIN" ask > "$OUT"`).code).toBe(0);
    const lines = readFileSync(env.OUT, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(300);
    expect(JSON.parse(lines[299] ?? '').query).toBe('Circular 49 q300');
  });

  it('ends quietly with exit 0 when the reader goes away', () => {
    const run = sh(`${QUESTIONS} | node "$BIN" ask 2>"$OUT" | head -1; echo "exit \${PIPESTATUS[1]}"; cat "$OUT"`);
    const [first, status, ...stderr] = run.stdout.split('\n');
    expect(JSON.parse(first ?? '').query).toBe('Circular 49 q1');
    expect(status).toBe('exit 0');
    expect(stderr.filter((l) => l && !l.startsWith('Warning: Semantic search is off'))).toEqual([]);
  });

  it('reports an over-long question by its length, without echoing it', () => {
    const words = 'word '.repeat(20_000).trim();
    const single = spawnSync(process.execPath, [bin, 'ask', ...words.split(' ')], { cwd: work, env, encoding: 'utf8' });
    expect(single.status).toBe(2);
    const line = single.stderr.trim().split('\n').at(-1) ?? '';
    expect(line).toMatch(/^policybot ask: The question is 99999 characters long; the limit is \d+\./);
    expect(line.length).toBeLessThan(300);

    const batch = spawnSync(process.execPath, [bin, 'ask'], {
      cwd: work,
      env,
      encoding: 'utf8',
      input: `${words}\nCircular 49\n`,
    });
    expect(batch.status).toBe(1);
    const [error, answer] = batch.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(error).toEqual({ line: 1, error: expect.stringMatching(/^The question is 99999 characters long/) });
    expect(answer?.query).toBe('Circular 49');
  });
});
