import { describe, expect, it } from 'vitest';
import { expandAbbreviations, findAbbreviations } from '../../src/retrieve/abbreviations.ts';

describe('abbreviations', () => {
  const table = findAbbreviations([
    'In 2021, the Ministry of Health (MOH) proposed a Draft Decree. The Ministry of Public Security (MPS) agreed.',
    'Vietnam stated that the Diagnosis Related Group (DRG) payment system is transparent.',
    'Something (ABC) with no long form before it, and Cyber Security Law (CSL).',
  ]);

  it('learns abbreviations the corpus defines, only when the initials spell them', () => {
    expect(table.toLong.get('moh')).toBe('ministry of health');
    expect(table.toLong.get('mps')).toBe('ministry of public security');
    expect(table.toLong.get('drg')).toBe('diagnosis related group');
    expect(table.toLong.get('csl')).toBe('cyber security law');
    expect(table.toLong.has('abc')).toBe(false);
  });

  it('adds the other form to a query, once', () => {
    expect(expandAbbreviations('Does the Ministry of Health prioritise it?', table)).toBe(
      'Does the Ministry of Health prioritise it? moh',
    );
    expect(expandAbbreviations('What did MOH propose?', table)).toBe('What did MOH propose? ministry of health');
    expect(expandAbbreviations('MOH and the Ministry of Health', table)).toBe('MOH and the Ministry of Health');
    expect(expandAbbreviations('telemedicine', table)).toBe('telemedicine');
  });
});
