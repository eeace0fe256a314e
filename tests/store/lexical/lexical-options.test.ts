import { describe, expect, it } from 'vitest';
import { DEFAULT_ANALYZER_OPTIONS } from '../../../src/store/lexical/analyzer-options.ts';
import {
  DEFAULT_LEXICAL_OPTIONS,
  type LexicalOptions,
  lexicalInput,
  resolveLexicalOptions,
} from '../../../src/store/lexical/lexical-options.ts';

describe('resolveLexicalOptions', () => {
  it('gives the defaults for no options', () => {
    expect(resolveLexicalOptions()).toEqual(DEFAULT_LEXICAL_OPTIONS);
    expect(resolveLexicalOptions({})).toEqual(DEFAULT_LEXICAL_OPTIONS);
    expect(DEFAULT_LEXICAL_OPTIONS).toMatchObject({
      ...DEFAULT_ANALYZER_OPTIONS,
      k1: 0.9,
      b: 0.5,
      fieldWeights: { title: 2, section: 1.5, body: 1 },
    });
  });

  it('overlays the options given and keeps the defaults for the rest', () => {
    expect(resolveLexicalOptions({ k1: 1.2, stemmer: 'none', proximityWeight: 0 })).toEqual({
      ...DEFAULT_LEXICAL_OPTIONS,
      k1: 1.2,
      stemmer: 'none',
      proximityWeight: 0,
    });
  });

  it('merges field weights one by one', () => {
    // Options read from JSON config may name only some fields.
    const partial = { fieldWeights: { title: 3 } } as unknown as Partial<LexicalOptions>;
    expect(resolveLexicalOptions(partial).fieldWeights).toEqual({ title: 3, section: 1.5, body: 1 });
  });

  it('keeps the default for an option given as undefined', () => {
    expect(resolveLexicalOptions({ k1: undefined, feedbackDocs: undefined })).toEqual(DEFAULT_LEXICAL_OPTIONS);
  });

  it('rejects a misspelt option or field instead of ignoring it', () => {
    expect(() => resolveLexicalOptions({ k_1: 0.5 } as unknown as Partial<LexicalOptions>)).toThrow(/k_1/);
    expect(() => resolveLexicalOptions({ fieldWeights: { heading: 2 } } as unknown as Partial<LexicalOptions>)).toThrow(
      /heading/,
    );
  });

  it('accepts the edges of each range', () => {
    const edges: Partial<LexicalOptions> = {
      k1: 0,
      b: 1,
      fieldWeights: { title: 0, section: 0, body: 0 },
      feedbackDocs: 0,
      feedbackQueryWeight: 1,
      proximityWindow: 1,
      proximityDepth: 0,
    };
    expect(resolveLexicalOptions(edges)).toMatchObject(edges);
    expect(resolveLexicalOptions({ b: 0 }).b).toBe(0);
  });

  it.each<[string, Partial<LexicalOptions>]>([
    ['k1', { k1: -0.1 }],
    ['b', { b: 1.01 }],
    ['b', { b: -0.5 }],
    ['fieldWeights.title', { fieldWeights: { title: -1, section: 1, body: 1 } }],
    ['feedbackDocs', { feedbackDocs: 1.5 }],
    ['feedbackDocs', { feedbackDocs: 101 }],
    ['feedbackQueryWeight', { feedbackQueryWeight: 0 }],
    ['proximityWindow', { proximityWindow: 0 }],
    ['proximityWeight', { proximityWeight: -1 }],
    ['stemmer', { stemmer: 'snowball' as 'porter2' }],
    ['stopWords', { stopWords: 'french' as 'none' }],
  ])('rejects an out-of-range %s with CONFIG_INVALID, naming it', (name, options) => {
    expect(() => resolveLexicalOptions(options)).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID', message: expect.stringContaining(`${name}:`) }),
    );
  });
});

describe('lexicalInput', () => {
  it('takes a chunk’s title, text and section path joined into one string', () => {
    expect(lexicalInput({ title: 'Circular 49', section: ['Chapter I', 'Article 2'], text: 'Scope.' })).toEqual({
      title: 'Circular 49',
      section: 'Chapter I › Article 2',
      text: 'Scope.',
    });
    expect(lexicalInput({ title: 'T', section: [], text: 'x' }).section).toBe('');
  });
});
