import { describe, expect, it } from 'vitest';
import { extractIdentifiers } from '../../src/ingest/identifiers.ts';
import { matchedLabels, nearMissNote, relatedNote } from '../../src/present/identifier-notes.ts';
import type { Answer, SearchResult } from '../../src/types.ts';

function result(text: string, matched: string[], others: string[]): SearchResult {
  const chunk = {
    id: 'c',
    file: 'corpus/a.txt',
    title: 'T',
    section: [],
    text,
    charStart: 0,
    charEnd: text.length,
    page: null,
    identifiers: extractIdentifiers(text),
    tokens: 10,
  };
  return {
    rank: 1,
    score: 1,
    chunk,
    matchedIdentifiers: matched,
    otherIdentifiers: others,
    matchedTerms: [],
    relation: matched.length > 0 ? 'named' : others.length > 0 ? 'near-miss' : 'related',
  };
}

function answer(query: string, results: SearchResult[]): Answer {
  return {
    query,
    mode: 'lexical',
    identifiers: extractIdentifiers(query),
    notFound: [],
    results,
    warnings: [],
    terms: [],
    intents: [],
    weak: false,
  };
}

describe('identifier notes', () => {
  it('labels the question identifiers a passage matches, in question order', () => {
    const r = result('Decree 53/2022/ND-CP and Circular 49/2017/TT-BYT apply.', ['decree:53', 'circular:49'], []);
    expect(matchedLabels(r, answer('Circular 49 and Decree 53?', [r]))).toEqual(['Circular 49', 'Decree 53']);
  });

  it('warns that a near miss is about another instrument than the one asked', () => {
    const r = result('Circular 46/2018/TT-BYT prescribes electronic medical records.', [], ['Circular 46/2018/TT-BYT']);
    expect(nearMissNote(r, answer('What does Circular 49 require?', [r]))).toBe(
      'About Circular 46/2018/TT-BYT, not Circular 49.',
    );
  });

  it('names only the asked instruments of the same kind', () => {
    const r = result('Circular 46/2018/TT-BYT prescribes records.', [], ['Circular 46/2018/TT-BYT']);
    expect(nearMissNote(r, answer('Do Circular 49 and Decree 53 overlap?', [r]))).toBe(
      'About Circular 46/2018/TT-BYT, not Circular 49.',
    );
  });

  it('says nothing for a passage that is not a near miss', () => {
    const r = result('Circular 49/2017/TT-BYT regulates telemedicine.', ['circular:49'], []);
    expect(nearMissNote(r, answer('What does Circular 49 require?', [r]))).toBeNull();
  });

  it('says when a passage names none of the instruments asked, and only then', () => {
    const related = result('Telemedicine is spreading fast.', [], []);
    const named = result('Circular 49/2017/TT-BYT regulates telemedicine.', ['circular:49'], []);
    const nearMiss = result('Circular 46/2018/TT-BYT prescribes records.', [], ['Circular 46/2018/TT-BYT']);
    const asked = answer('Do Circular 49 and Decree 53 overlap?', [related, named, nearMiss]);
    expect(relatedNote(related, asked)).toBe('Related: does not name Circular 49 or Decree 53');
    expect(relatedNote(named, asked)).toBeNull();
    expect(relatedNote(nearMiss, asked)).toBeNull();
    expect(relatedNote(related, answer('How fast is telemedicine spreading?', [related]))).toBeNull();
  });
});
