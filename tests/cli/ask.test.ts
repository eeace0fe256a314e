import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/** The real `policybot` command in a child process, offline, with no model available. */
const root = path.resolve(import.meta.dirname, '../..');
const work = mkdtempSync(path.join(tmpdir(), 'policybot-cli-'));
const env = {
  ...process.env,
  INDEX_DIR: path.join(work, 'index'),
  MODELS_DIR: path.join(work, 'models'),
  ALLOW_REMOTE_MODELS: 'false',
  CORPUS_DIR: path.join(root, 'corpus'),
};

function policybot(args: string[], input?: string) {
  const run = spawnSync(process.execPath, [path.join(root, 'bin/policybot.js'), ...args], {
    cwd: work,
    env,
    input,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('policybot ask', () => {
  it('builds the index on first use and answers with the Circular 49 passage first, cited', () => {
    const run = policybot(['ask', 'What does Circular 49 require?']);
    expect(run.code).toBe(0);
    const first = run.stdout.split('\n')[0] ?? '';
    expect(first).toMatch(
      /^\[1\] .+ › Policies & Strategies › Circular No\. 49, 2017 - Regulating the Management of Telemedicine — corpus\/vietnam-healthcare-policy-analysis\.txt · 新南向科研合作專網 \(New Southbound research cooperation network\) · commentary$/,
    );
    expect(run.stderr).toMatch(/Semantic search is off/);
    expect(run.stderr).toMatch(/building it/);
  });

  it('prints the documented JSON, with quotes that are verbatim parts of the passage', () => {
    const run = policybot(['ask', 'Thông tư 49 telemedicine imaging', '--json', '--k', '2']);
    expect(run.code).toBe(0);
    const answer = JSON.parse(run.stdout);
    expect(answer.mode).toBe('lexical');
    expect(answer.identifiers).toEqual(['Circular 49']);
    expect(answer.results).toHaveLength(2);
    const top = answer.results[0];
    expect(Object.keys(top).sort()).toEqual(
      [
        'chunkId',
        'charEnd',
        'charStart',
        'file',
        'otherIdentifiers',
        'page',
        'pinpoint',
        'quote',
        'quoteEnd',
        'quoteSentences',
        'quoteStart',
        'rank',
        'relation',
        'score',
        'section',
        'source',
        'statusNotes',
        'text',
        'title',
      ].sort(),
    );
    expect(top.source).toMatchObject({
      publisher: '新南向科研合作專網 (New Southbound research cooperation network)',
      kind: 'commentary',
      language: 'en',
      url: null,
      status: null,
    });
    expect(top.text).toContain(top.quote);
    expect(top.text.slice(top.quoteStart, top.quoteEnd)).toBe(top.quote);
    expect(top.relation).toBe('named');
    expect(answer.weak).toBe(false);
    expect(answer.instruments[0]).toMatchObject({ key: 'circular:49', found: true });
    expect(answer.results[0].score).toBeGreaterThan(answer.results[1].score);
  });

  it('says plainly when no document mentions the named identifier', () => {
    const run = policybot(['ask', 'What does Circular 99 require?', '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).notFound).toEqual(['Circular 99']);
    const text = policybot(['ask', 'What does Circular 99 require?']);
    expect(text.stdout.split('\n')[0]).toBe('No document in the corpus mentions Circular 99.');
  });

  it('answers one JSON line per stdin line in batch mode', () => {
    const run = policybot(
      ['ask'],
      'When was Decision 4888/QD-BYT approved?\n\nWhat does Decree 53/2022/ND-CP implement?\n',
    );
    expect(run.code).toBe(0);
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.query)).toEqual([
      'When was Decision 4888/QD-BYT approved?',
      'What does Decree 53/2022/ND-CP implement?',
    ]);
    expect(lines[1].results[0].text).toContain('Decree 53/2022/ND-CP');
  });

  it('exits 2 with the usage on bad usage, and 1 with one line on failure', () => {
    const bad = policybot(['ask', 'x', '--k', 'zero']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--k must be a whole number/);
    expect(policybot(['frobnicate']).code).toBe(2);
    const empty = policybot(['ask', '  '], '');
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/The question is empty/);
    writeFileSync(path.join(work, 'plain-file'), 'not a folder');
    const failed = policybot(['ask', 'anything', '--index', path.join(work, 'plain-file', 'index')]);
    expect(failed.code).toBe(1);
    expect(failed.stderr.trim().split('\n').at(-1)).toMatch(/^policybot ask: /);
  });
});
