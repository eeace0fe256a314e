import { describe, expect, it } from 'vitest';
import { defaultPrefixes, resolvePrefixes } from '../../src/embed/model-prefixes.ts';

describe('defaultPrefixes', () => {
  it('gives e5 models the "query: " / "passage: " prefixes they were trained with', () => {
    for (const id of ['Xenova/multilingual-e5-small', 'Xenova/e5-small-v2', 'intfloat/e5-base', 'me/E5_tuned']) {
      expect(defaultPrefixes(id), id).toEqual({ query: 'query: ', passage: 'passage: ' });
    }
  });

  it('gives none to other models and to instruction-tuned e5 (which want a task instruction)', () => {
    for (const id of [
      'Xenova/all-MiniLM-L6-v2',
      'Xenova/bge-small-en-v1.5',
      'intfloat/multilingual-e5-large-instruct',
      'someone/e5mini',
      'e5x/model',
    ]) {
      expect(defaultPrefixes(id), id).toEqual({ query: '', passage: '' });
    }
  });
});

describe('resolvePrefixes', () => {
  it('keeps what the user set, even an empty prefix, and fills the rest from the model', () => {
    const e5 = 'Xenova/multilingual-e5-small';
    expect(resolvePrefixes(e5, {})).toEqual({ query: 'query: ', passage: 'passage: ' });
    expect(resolvePrefixes(e5, { queryPrefix: '' })).toEqual({ query: '', passage: 'passage: ' });
    expect(resolvePrefixes(e5, { queryPrefix: 'Q: ', passagePrefix: '' })).toEqual({ query: 'Q: ', passage: '' });
    expect(resolvePrefixes('Xenova/all-MiniLM-L6-v2', { passagePrefix: 'doc: ' })).toEqual({
      query: '',
      passage: 'doc: ',
    });
  });
});
