/**
 * The folder global setup built the fixture model into. Fails loudly when the tests run
 * without it (e.g. a config that drops globalSetup), instead of a confusing load error.
 */
export function fixtureModelsDir(): string {
  const dir = process.env.POLICYBOT_FIXTURE_MODELS_DIR;
  if (!dir)
    throw new Error(
      'POLICYBOT_FIXTURE_MODELS_DIR is not set: run the tests with vitest.config.ts (globalSetup builds the fixture model).',
    );
  return dir;
}

/** Dot product; the embedders return unit vectors, so this is the cosine. */
export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] ?? 0) * (b[i] ?? 0);
  return sum;
}
