import { env } from '@xenova/transformers';

/**
 * Points transformers.js at the project's model folder. Its settings are process-wide, so
 * every loader calls this right before loading. `<modelsDir>/<model id>/` is read first; a
 * hub download (only when `allowRemote`) is cached under the same `<model id>/` path there,
 * so the next run finds it locally and works offline.
 */
export function configureTransformers(options: { modelsDir: string; allowRemote: boolean }): void {
  env.localModelPath = options.modelsDir;
  env.cacheDir = options.modelsDir;
  env.allowLocalModels = true;
  env.allowRemoteModels = options.allowRemote;
}
