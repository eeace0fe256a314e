import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(path.join(tmpdir(), 'policybot-abort-build-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('an aborted build', () => {
  it('ends the graph thread it started while parsing, and the previous generation keeps serving', () => {
    // In a process of its own, which ends only once no thread is left running.
    const script = path.resolve(import.meta.dirname, 'abort-build.script.ts');
    const run = spawnSync(process.execPath, ['--import', 'tsx', script, dir], { encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr).not.toMatch(/Error/);
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout) as Record<string, unknown>;
    // The rebuild had started its graph's thread when it was aborted.
    expect(out.threadSeen).toBe(true);
    expect(out.failed).toBe('rejected: AbortError');
    expect(out.chunks).toBeGreaterThan(6 * 32);
    expect(out.previousServing).toBe(true);
  });
});
