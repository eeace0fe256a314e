import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixtureModelsDir } from '../embed/fixture-models-dir.ts';
import { FIXTURE_E5_MODEL_ID } from '../fixtures/model/build-fixture-e5.ts';

/**
 * When `ask` loads transformers.js: the real command in child processes, with a module hook
 * that notes every import of @xenova/transformers in a file.
 */
const root = path.resolve(import.meta.dirname, '../..');
const work = mkdtempSync(path.join(tmpdir(), 'policybot-ask-model-'));
const marker = path.join(work, 'transformers-imported');
const hook = `export async function resolve(specifier, context, next) {
  if (specifier === '@xenova/transformers') (await import('node:fs')).appendFileSync(${JSON.stringify(marker)}, 'x');
  return next(specifier, context);
}`;
const register = `import { register } from 'node:module';
register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hook)}`)});`;

function policybot(args: string[], env: Record<string, string>) {
  rmSync(marker, { force: true });
  const run = spawnSync(
    process.execPath,
    ['--import', `data:text/javascript,${encodeURIComponent(register)}`, path.join(root, 'bin/policybot.js'), ...args],
    {
      cwd: work,
      env: { ...process.env, CORPUS_DIR: path.join(root, 'corpus'), ...env },
      encoding: 'utf8',
      timeout: 120_000,
    },
  );
  return { code: run.status, stdout: run.stdout, stderr: run.stderr, importedTransformers: existsSync(marker) };
}

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('ask and the model (SEMANTIC_SEARCH=auto, the default)', () => {
  const indexDir = path.join(work, 'index');
  const modelsDir = path.join(work, 'models');
  mkdirSync(modelsDir, { recursive: true });

  it('answers from an index without vectors without importing transformers.js when the model is not at hand', () => {
    const ingest = policybot(['ingest'], { INDEX_DIR: indexDir, MODELS_DIR: modelsDir, ALLOW_REMOTE_MODELS: 'false' });
    expect(ingest.code).toBe(0);
    expect(ingest.stdout).toMatch(/keyword search only/);
    // Downloads allowed, as by default: still nothing to gain, so nothing is loaded or fetched.
    const ask = policybot(['ask', 'What does Circular 49 require?', '--json'], {
      INDEX_DIR: indexDir,
      MODELS_DIR: modelsDir,
      ALLOW_REMOTE_MODELS: 'true',
    });
    expect(ask.code).toBe(0);
    expect(ask.importedTransformers).toBe(false);
    expect(JSON.parse(ask.stdout).mode).toBe('lexical');
    expect(ask.stderr).toMatch(
      /Semantic search is off: the index in .+ has no vectors and Xenova\/multilingual-e5-small is not in .+; answers use keyword search only\. To add vectors, run `policybot ingest`/,
    );
  });

  it('loads the model and adds vectors once its files are there (the hook sees the import)', () => {
    const withModel = path.join(work, 'models-with-e5');
    cpSync(path.join(fixtureModelsDir(), FIXTURE_E5_MODEL_ID), path.join(withModel, FIXTURE_E5_MODEL_ID), {
      recursive: true,
    });
    const env = {
      INDEX_DIR: indexDir,
      MODELS_DIR: withModel,
      MODEL_ID: FIXTURE_E5_MODEL_ID,
      ALLOW_REMOTE_MODELS: 'false',
    };
    const ask = policybot(['ask', 'What does Circular 49 require?', '--json'], env);
    expect(ask.code).toBe(0);
    expect(ask.importedTransformers).toBe(true);
    expect(ask.stderr).toMatch(/built with other settings: rebuilding/);
    expect(JSON.parse(ask.stdout).mode).toBe('hybrid');
    // Without the model, the index with vectors answers by keywords as it is: not rebuilt
    // without them, so the next ask with the model finds them still there.
    const current = readFileSync(path.join(indexDir, 'CURRENT'), 'utf8');
    const off = policybot(['ask', 'What does Circular 49 require?', '--json'], { ...env, SEMANTIC_SEARCH: 'off' });
    expect(off.code).toBe(0);
    expect(off.stderr).not.toMatch(/rebuilding/);
    expect(JSON.parse(off.stdout).mode).toBe('lexical');
    expect(readFileSync(path.join(indexDir, 'CURRENT'), 'utf8')).toBe(current);
    const again = policybot(['ask', 'What does Circular 49 require?', '--json'], env);
    expect(again.stderr).not.toMatch(/rebuilding/);
    expect(JSON.parse(again.stdout).mode).toBe('hybrid');
  });

  it('tries the model on the ask that builds the index, remembers the failure, and ingest tries again', () => {
    const fresh = path.join(work, 'index-2');
    const env = {
      INDEX_DIR: fresh,
      MODELS_DIR: modelsDir,
      MODEL_ID: 'policybot/not-on-any-hub',
      ALLOW_REMOTE_MODELS: 'true',
    };
    // No index yet: ask builds one and tries the model (the hub refuses or cannot be reached).
    const first = policybot(['ask', 'telemedicine'], env);
    expect(first.code).toBe(0);
    expect(first.importedTransformers).toBe(true);
    const failures = JSON.parse(readFileSync(path.join(modelsDir, '.policybot-load-failures.json'), 'utf8'));
    expect(Object.keys(failures)).toContain('policybot/not-on-any-hub');
    // The index it built has no vectors and the model is not at hand: no second attempt.
    const second = policybot(['ask', 'telemedicine'], env);
    expect(second.code).toBe(0);
    expect(second.importedTransformers).toBe(false);
    const ingest = policybot(['ingest'], env);
    expect(ingest.code).toBe(0);
    expect(ingest.importedTransformers).toBe(true);
  });
});
