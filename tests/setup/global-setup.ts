import path from 'node:path';
import { buildFixtureModel } from '../fixtures/model/build-fixture-model.ts';

/** Where the fixture model is built for the test run (gitignored). */
export const FIXTURE_MODELS_DIR = path.resolve(import.meta.dirname, '../.cache/models');

/** Builds the tiny fixture model once per test run, before any worker starts. */
export default async function setup(): Promise<void> {
  await buildFixtureModel(FIXTURE_MODELS_DIR);
  process.env.POLICYBOT_FIXTURE_MODELS_DIR = FIXTURE_MODELS_DIR;
}
