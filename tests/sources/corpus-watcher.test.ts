import { appendFileSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { type CorpusWatch, watchCorpus } from '../../src/sources/corpus-watcher.ts';

let watch: CorpusWatch | null = null;
const dirs: string[] = [];
afterEach(async () => {
  await watch?.close();
  watch = null;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function corpus(): string {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'policybot-watch-')), 'corpus');
  mkdirSync(dir, { recursive: true });
  dirs.push(path.dirname(dir));
  return dir;
}

async function until(check: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await sleep(50);
  }
}

describe('watchCorpus', () => {
  it('turns a burst of 100 new files into one or two updates', async () => {
    const dir = corpus();
    const updates: string[][] = [];
    watch = await watchCorpus({
      corpusDir: dir,
      debounceMs: 400,
      settleMs: 200,
      update: async (files) => void updates.push(files),
    });
    for (let i = 0; i < 100; i++) writeFileSync(path.join(dir, `doc-${i}.txt`), `Document ${i}\n\nText ${i}.\n`);
    await until(() => updates.flat().length >= 100);
    await sleep(1500);
    expect(updates.length).toBeGreaterThanOrEqual(1);
    expect(updates.length).toBeLessThanOrEqual(2);
    expect(new Set(updates.flat()).size).toBe(100);
  });

  it('waits for a file that is still being written to settle before updating', async () => {
    const dir = corpus();
    const file = path.join(dir, 'growing.txt');
    const sizesSeen: number[] = [];
    watch = await watchCorpus({
      corpusDir: dir,
      debounceMs: 200,
      settleMs: 400,
      update: async () => void sizesSeen.push(statSync(file).size),
    });
    writeFileSync(file, 'Start\n\n');
    // A slow writer: a line every 150 ms for 2 s, each gap shorter than the settle time.
    for (let i = 0; i < 14; i++) {
      await sleep(150);
      appendFileSync(file, `Line ${i} of a slowly written file.\n`);
    }
    const finalSize = statSync(file).size;
    await until(() => sizesSeen.length > 0);
    expect(sizesSeen).toEqual([finalSize]);
  });

  it('ignores hidden folders such as .removed and .incoming', async () => {
    const dir = corpus();
    let updates = 0;
    watch = await watchCorpus({ corpusDir: dir, debounceMs: 200, settleMs: 100, update: async () => void updates++ });
    mkdirSync(path.join(dir, '.removed', 'x'), { recursive: true });
    writeFileSync(path.join(dir, '.removed', 'x', 'a.txt'), 'gone');
    await sleep(1200);
    expect(updates).toBe(0);
  });

  it('reports a failed update in its status and keeps watching', async () => {
    const dir = corpus();
    let calls = 0;
    watch = await watchCorpus({
      corpusDir: dir,
      debounceMs: 200,
      settleMs: 100,
      update: async () => {
        calls++;
        if (calls === 1) throw new Error('disk full');
      },
    });
    writeFileSync(path.join(dir, 'a.txt'), 'A\n\nText.\n');
    await until(() => watch?.status().lastUpdate !== null);
    expect(watch.status().lastUpdate).toMatchObject({ ok: false, reason: 'disk full' });
    writeFileSync(path.join(dir, 'b.txt'), 'B\n\nText.\n');
    await until(() => calls === 2 && watch?.status().lastUpdate?.ok === true);
  });
});
