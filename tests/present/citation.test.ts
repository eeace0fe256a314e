import { describe, expect, it } from 'vitest';
import { formatCitation } from '../../src/present/citation.ts';

describe('formatCitation', () => {
  it('names the document, the section path and the file', () => {
    expect(
      formatCitation(1, {
        title: 'Vietnam Healthcare',
        section: ['Policies & Strategies', 'Circular No. 49, 2017 - Regulating the Management of Telemedicine'],
        file: 'corpus/vietnam.txt',
        page: null,
      }),
    ).toBe('[1] Vietnam Healthcare › Policies & Strategies › Circular No. 49, 2017 - Regulating the Management of Telemedicine — corpus/vietnam.txt');
  });

  it('adds the page for paginated sources', () => {
    expect(formatCitation(3, { title: 'Report', section: [], file: 'corpus/r.pdf', page: 4 })).toBe('[3] Report — corpus/r.pdf (p. 4)');
  });
});
