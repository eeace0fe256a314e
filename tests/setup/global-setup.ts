import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { buildFixtureE5Model } from '../fixtures/model/build-fixture-e5.ts';
import { buildFixtureModel } from '../fixtures/model/build-fixture-model.ts';
import { buildFixtureCrossEncoder } from '../fixtures/model/fixture-cross-encoder.ts';

/** Where the fixture model is built for the test run (gitignored). */
export const FIXTURE_MODELS_DIR = path.resolve(import.meta.dirname, '../.cache/models');

/**
 * Builds the tiny fixture models (WordPiece and SentencePiece embedders, cross-encoder) once per test run (about 0.1 s), before any worker starts.
 * Workers are forked after global setup, so they inherit this process's environment:
 * tests read the folder from POLICYBOT_FIXTURE_MODELS_DIR.
 */
export default async function setup(): Promise<void> {
  ensureFreshBuild();
  await buildFixtureModel(FIXTURE_MODELS_DIR);
  await buildFixtureCrossEncoder(FIXTURE_MODELS_DIR);
  await buildFixtureE5Model(FIXTURE_MODELS_DIR);
  process.env.POLICYBOT_FIXTURE_MODELS_DIR = FIXTURE_MODELS_DIR;
}

/**
 * Tests that spawn `bin/policybot.js` run the compiled dist/: one `--version` here rebuilds it
 * when src/ changed since the last build (the bin's own freshness check), before any worker
 * starts, so no test runs older code than the sources and workers never rebuild at once.
 */
function ensureFreshBuild(): void {
  const root = path.resolve(import.meta.dirname, '../..');
  const run = spawnSync(process.execPath, [path.join(root, 'bin/policybot.js'), '--version'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`bin/policybot.js --version failed (${run.status}):\n${run.stderr}`);
}
