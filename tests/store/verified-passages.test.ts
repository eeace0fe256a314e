import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { estimateTokens } from '../../src/ingest/estimate-tokens.ts';
import { buildIndex } from '../../src/store/build-index.ts';
import { CHUNKS_FILE, TEXTS_FILE } from '../../src/store/chunk-store.ts';
import { loadIndex, readCurrentGeneration } from '../../src/store/load-index.ts';
import { keywordEnv } from '../fixtures/corpus/bundled-corpus.ts';

const root = path.resolve(import.meta.dirname, '../..');
const work = mkdtempSync(path.join(tmpdir(), 'policybot-verify-'));
let corpus: string;
let indexDir: string;
let n = 0;

const PASSAGE = 'Circular 49 of 2017 regulates telemedicine: the Vietnamese Ministry of Health issued it in December.';

beforeEach(async () => {
  n++;
  corpus = path.join(work, `c${n}`, 'corpus');
  indexDir = path.join(work, `c${n}`, 'index');
  mkdirSync(corpus, { recursive: true });
  writeFileSync(path.join(corpus, 'a.txt'), `Telemedicine\n\n${PASSAGE}\n`);
  writeFileSync(
    path.join(corpus, 'b.md'),
    '# Records\n\nCircular 46/2018/TT-BYT prescribes electronic medical records.\n',
  );
  await buildIndex({
    corpusDir: corpus,
    indexDir,
    embedder: null,
    countTokens: estimateTokens,
    tokenizerId: 'estimate',
    maxTokens: 128,
    overlapTokens: 16,
  });
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const generationFile = async (name: string) =>
  path.join(indexDir, (await readCurrentGeneration(indexDir)) as string, name);

/** Overwrites `find` with Z's in a file of the live generation (same length: offsets stay valid). */
async function damage(name: string, find: string): Promise<void> {
  const file = await generationFile(name);
  const bytes = readFileSync(file);
  const at = bytes.indexOf(find);
  expect(at).toBeGreaterThanOrEqual(0);
  bytes.fill('Z', at, at + find.length);
  writeFileSync(file, bytes);
}

function policybot(args: string[]) {
  const env = keywordEnv(work, corpus, indexDir);
  const run = spawnSync(process.execPath, [path.join(root, 'bin/policybot.js'), ...args], {
    cwd: work,
    env,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('verified passages', () => {
  it('never shows a passage whose text was damaged on disk: ask exits 1 saying how to rebuild', async () => {
    await damage(TEXTS_FILE, 'Vietnamese');
    const run = policybot(['ask', 'What does Circular 49 regulate?']);
    expect(run.code).toBe(1);
    expect(run.stdout).not.toContain('ZZZ');
    expect(run.stderr).toMatch(/index is damaged: passage .+ fails its checksum\. Run `npm run ingest` to rebuild it/);
  });

  it('checks each passage again when it is read, after loading', async () => {
    const index = await loadIndex(indexDir);
    const target = index.chunks.findIndex((c) => c.text.includes('Vietnamese'));
    await damage(TEXTS_FILE, 'Vietnamese');
    expect(() => index.chunks[target]?.text).toThrow(expect.objectContaining({ code: 'INDEX_DAMAGED' }));
    expect(index.chunks.filter((_, i) => i !== target).every((c) => c.text.length > 0)).toBe(true);
    index.close?.();
  });

  it('refuses a generation whose passage metadata was damaged (a garbled citation path)', async () => {
    await damage(CHUNKS_FILE, 'Records');
    await expect(loadIndex(indexDir)).rejects.toMatchObject({
      code: 'INDEX_DAMAGED',
      message: expect.stringMatching(/line \d+ of .+chunks\.jsonl fails its checksum/),
    });
    const run = policybot(['ask', 'electronic medical records']);
    expect(run.code).toBe(1);
    expect(run.stdout).not.toContain('ZZZ');
  });

  it('an ingest after damage rebuilds the damaged passages from the corpus', async () => {
    await damage(TEXTS_FILE, 'Vietnamese');
    const report = await buildIndex({
      corpusDir: corpus,
      indexDir,
      embedder: null,
      countTokens: estimateTokens,
      tokenizerId: 'estimate',
      maxTokens: 128,
      overlapTokens: 16,
    });
    expect(report.upToDate).toBe(false);
    const index = await loadIndex(indexDir);
    expect(index.chunks.some((c) => c.text.includes(PASSAGE))).toBe(true);
    index.close?.();
  });

  it('a closed generation refuses reads instead of reading through a reused descriptor', async () => {
    const index = await loadIndex(indexDir);
    index.close?.();
    expect(() => index.chunks[0]?.text).toThrow(/replaced and closed/);
  });
});
