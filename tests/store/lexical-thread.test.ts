import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { estimateTokens } from '../../src/ingest/estimate-tokens.ts';
import { buildIndex } from '../../src/store/build-index.ts';
import { readCurrentGeneration } from '../../src/store/generations.ts';
import { lexicalThreadStats } from '../../src/store/lexical-thread.ts';
import { loadIndex } from '../../src/store/load-index.ts';
import { readManifest } from '../../src/store/manifest.ts';
import { type GenerationContent, writeGeneration } from '../../src/store/write-generation.ts';
import type { Chunk } from '../../src/types.ts';
import { bundledCorpusCopy } from '../fixtures/corpus/bundled-corpus.ts';
import { writeCircular49 } from '../fixtures/legal-circular-49.ts';

// The bundled corpus and a Vietnamese circular with its translation: English and Vietnamese text.
const copy = bundledCorpusCopy('policybot-lexical-thread-', 64);
let chunks: Chunk[] = [];
const manifest = {
  formatVersion: 2,
  model: null,
  chunking: { maxTokens: 64, overlapTokens: 0, tokenizer: 'estimate' },
  files: {},
  skipped: [],
} as GenerationContent['manifest'];
const onThread = { minChars: 0 };
const here = { minChars: Number.POSITIVE_INFINITY };

beforeAll(async () => {
  writeCircular49(copy.corpus);
  await copy.build();
  const index = await loadIndex(copy.indexDir);
  chunks = index.chunks.map((chunk) => ({ ...chunk, text: chunk.text }));
  index.close?.();
});
afterAll(() => copy.remove());

const lexicalFiles = (dir: string) =>
  Object.fromEntries(
    readdirSync(dir)
      .filter((name) => name.startsWith('lexical.'))
      .map((name) => [name, readFileSync(path.join(dir, name))]),
  );

describe('the lexical index built on its own thread', () => {
  it('writes the very bytes of the build on the calling thread, and the same settings in the manifest', async () => {
    const jobs = lexicalThreadStats().jobs;
    const built = async (where: string, lexicalThread: { minChars: number }) => {
      const indexDir = path.join(copy.work, where);
      const name = await writeGeneration(indexDir, { chunks, manifest, lexicalThread }, null);
      return path.join(indexDir, name);
    };
    const threaded = await built('on-thread', onThread);
    expect(lexicalThreadStats().jobs).toBe(jobs + 1);
    const inline = await built('here', here);
    expect(lexicalThreadStats().jobs).toBe(jobs + 1);
    const [a, b] = [lexicalFiles(threaded), lexicalFiles(inline)];
    expect(Object.keys(a).length).toBeGreaterThan(5);
    expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
    for (const name of Object.keys(a)) expect(a[name]!.equals(b[name]!), name).toBe(true);
    expect((await readManifest(threaded)).lexical).toEqual((await readManifest(inline)).lexical);
    // And what it wrote is an index that answers.
    const index = await loadIndex(path.dirname(threaded));
    expect(index.chunks.length).toBe(chunks.length);
    expect(index.lexical.search('telemedicine', 3).length).toBeGreaterThan(0);
    index.close?.();
  });

  it('is started while the corpus is parsed by a build, which writes the same files', async () => {
    const build = async (where: string, lexicalThread: { minChars: number }) => {
      const indexDir = path.join(copy.work, where);
      const report = await buildIndex({
        corpusDir: copy.corpus,
        indexDir,
        embedder: null,
        countTokens: estimateTokens,
        tokenizerId: 'estimate',
        maxTokens: 64,
        overlapTokens: 0,
        lexicalThread,
      });
      return path.join(indexDir, report.generation);
    };
    const jobs = lexicalThreadStats().jobs;
    const threaded = await build('build-on-thread', onThread);
    expect(lexicalThreadStats().jobs).toBe(jobs + 1);
    const inline = await build('build-here', here);
    const [a, b] = [lexicalFiles(threaded), lexicalFiles(inline)];
    expect(Object.keys(a).length).toBeGreaterThan(5);
    for (const name of Object.keys(b)) expect(a[name]?.equals(b[name]!), name).toBe(true);
  });

  it('fails the write when the thread fails, and the previous generation keeps serving', async () => {
    const indexDir = path.join(copy.work, 'failing');
    const previous = await writeGeneration(indexDir, { chunks, manifest, lexicalThread: onThread }, null);
    // A title that is not text: the passages save, the lexical build on the thread throws.
    const broken = chunks.map((chunk, i) => (i === 3 ? { ...chunk, title: null as unknown as string } : chunk));
    const failed = await writeGeneration(
      indexDir,
      { chunks: broken, manifest, lexicalThread: onThread },
      previous,
    ).then(
      () => 'published',
      (error: Error) => `rejected: ${error.name}`,
    );
    expect(failed).toBe('rejected: TypeError');
    expect(await readCurrentGeneration(indexDir)).toBe(previous);
    expect(readdirSync(indexDir).filter((name) => name.includes('partial'))).toEqual([]);
    const index = await loadIndex(indexDir);
    expect(index.chunks.length).toBe(chunks.length);
    index.close?.();
  });

  it('has finished writing, on either thread, before a failed write removes its folder', async () => {
    for (const [where, lexicalThread] of [
      ['saves-fail-here', here],
      ['saves-fail-thread', onThread],
    ] as const) {
      const indexDir = path.join(copy.work, where);
      const previous = await writeGeneration(indexDir, { chunks, manifest, lexicalThread }, null);
      // A position the passage store cannot write (JSON has no BigInt): the lexical build never reads it.
      const broken = chunks.map((chunk, i) => (i === 3 ? { ...chunk, charStart: 1n as unknown as number } : chunk));
      const failed = await writeGeneration(indexDir, { chunks: broken, manifest, lexicalThread }, previous).then(
        () => 'published',
        (error: Error) => `rejected: ${error.name}`,
      );
      expect(failed).toBe('rejected: TypeError');
      expect(readdirSync(indexDir).filter((name) => name.includes('partial'))).toEqual([]);
      expect(await readCurrentGeneration(indexDir)).toBe(previous);
    }
  });

  it('ends its thread when the write is aborted while it builds, or the build while parsing (the process then ends by itself)', () => {
    if (!existsSync('/proc/self/task')) return;
    const script = path.resolve(import.meta.dirname, 'lexical-abort.script.ts');
    const run = spawnSync(process.execPath, ['--import', 'tsx', script, copy.work], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.stderr).not.toMatch(/Error/);
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(out.threadSeen).toBe(true);
    expect(out.failed).toBe('rejected: AbortError');
    expect(out.previousServing).toBe(true);
    // The same for a build aborted while parsing, with the thread started ahead for its write.
    expect(out.parseFailed).toBe('rejected: AbortError');
    expect(out.parsePreviousServing).toBe(true);
  });
});
