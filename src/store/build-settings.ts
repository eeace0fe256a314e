import { type LexicalOptions, resolveLexicalOptions } from './lexical/lexical-options.ts';
import { LEXICAL_FORMAT_VERSION } from './lexical/lexical-storage.ts';
import type { IndexManifest } from './types.ts';

/** Whether the previous generation was built with this model and chunking, so its chunks and vectors can be reused. */
export function sameSettings(
  manifest: IndexManifest,
  model: IndexManifest['model'],
  chunking: IndexManifest['chunking'],
): boolean {
  return (
    JSON.stringify(manifest.model) === JSON.stringify(model) &&
    JSON.stringify(manifest.chunking) === JSON.stringify(chunking)
  );
}

/** Whether a build from the same files would write what the live generation already holds. */
export function sameOutput(
  manifest: IndexManifest,
  skipped: IndexManifest['skipped'],
  lexical: Partial<LexicalOptions> | undefined,
): boolean {
  return (
    canonical(manifest.skipped) === canonical(skipped) &&
    canonical(manifest.lexical) ===
      canonical({ ...resolveLexicalOptions(lexical), analyzerVersion: LEXICAL_FORMAT_VERSION })
  );
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}
