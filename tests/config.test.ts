import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL_ID, loadConfig } from '../src/config.ts';

describe('loadConfig: the model settings', () => {
  it('defaults to the multilingual e5 model with the model’s own prefixes (unset)', () => {
    const { model } = loadConfig({});
    expect(model.id).toBe(DEFAULT_MODEL_ID);
    expect(DEFAULT_MODEL_ID).toBe('Xenova/multilingual-e5-small');
    expect(model.queryPrefix).toBeUndefined();
    expect(model.passagePrefix).toBeUndefined();
  });

  it('keeps all-MiniLM-L6-v2 and other models selectable', () => {
    expect(loadConfig({ MODEL_ID: 'Xenova/all-MiniLM-L6-v2' }).model.id).toBe('Xenova/all-MiniLM-L6-v2');
  });

  it('keeps a prefix as typed, its trailing space included, and an empty one as a choice of none', () => {
    const { model } = loadConfig({ QUERY_PREFIX: 'query: ', PASSAGE_PREFIX: '' });
    expect(model.queryPrefix).toBe('query: ');
    expect(model.passagePrefix).toBe('');
  });

  it('still treats other empty settings as unset', () => {
    expect(loadConfig({ MODEL_ID: '', RESULTS: '' }).model.id).toBe(DEFAULT_MODEL_ID);
  });
});
