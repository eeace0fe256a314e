import { describe, expect, it } from 'vitest';
import { PolicybotEmbeddings } from '../../src/embed/langchain-embeddings.ts';
import { TransformersEmbedder } from '../../src/embed/transformers-embedder.ts';
import { FIXTURE_DIMENSIONS, FIXTURE_MODEL_ID } from '../fixtures/model/build-fixture-model.ts';
import { fixtureModelsDir } from './fixture-models-dir.ts';

describe('PolicybotEmbeddings (LangChain Embeddings)', () => {
  it('returns plain number arrays: passage encoding for documents, query encoding for queries', async () => {
    const embedder = await TransformersEmbedder.load({
      modelId: FIXTURE_MODEL_ID,
      modelsDir: fixtureModelsDir(),
      allowRemote: false,
      queryPrefix: 'query: ',
      passagePrefix: 'passage: ',
    });
    const lc = new PolicybotEmbeddings(embedder);
    const docs = await lc.embedDocuments(['health records', 'network speed']);
    expect(docs).toHaveLength(2);
    expect(docs[0]).toHaveLength(FIXTURE_DIMENSIONS);
    expect(Array.isArray(docs[0])).toBe(true);
    expect(typeof docs[0]![0]).toBe('number');
    expect(docs[0]).toEqual(Array.from((await embedder.embedPassages(['health records']))[0]!));
    const query = await lc.embedQuery('health records');
    expect(query).toEqual(Array.from(await embedder.embedQuery('health records')));
    expect(query).not.toEqual(docs[0]);
  });
});
