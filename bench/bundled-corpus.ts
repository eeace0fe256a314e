// The bundled corpus and the project's question set, as the answer benches read them.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { TYPICAL_ESTIMATE_ID, typicalTokens } from '../src/ingest/estimate-tokens.ts';
import { buildIndex } from '../src/store/build-index.ts';
import { loadIndex } from '../src/store/load-index.ts';
import type { LoadedIndex } from '../src/store/types.ts';

const root = path.resolve(import.meta.dirname, '..');

/** Builds the bundled corpus's keyword index (default chunking) into `indexDir` and loads it. */
export async function buildBundledIndex(indexDir: string): Promise<LoadedIndex> {
  await buildIndex({
    corpusDir: path.join(root, 'corpus'),
    indexDir,
    embedder: null,
    countTokens: typicalTokens,
    tokenizerId: TYPICAL_ESTIMATE_ID,
    maxTokens: 256,
    overlapTokens: 32,
  });
  return loadIndex(indexDir);
}

/** The questions of the project's question set (tests/questions/corpus-questions.jsonl). */
export function projectQuestions(): string[] {
  return readFileSync(path.join(root, 'tests/questions/corpus-questions.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => (JSON.parse(l) as { q: string }).q);
}
