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
    ).toBe(
      '[1] Vietnam Healthcare › Policies & Strategies › Circular No. 49, 2017 - Regulating the Management of Telemedicine — corpus/vietnam.txt',
    );
  });

  it('adds the page for paginated sources', () => {
    expect(formatCitation(3, { title: 'Report', section: [], file: 'corpus/r.pdf', page: 4 })).toBe(
      '[3] Report — corpus/r.pdf (p. 4)',
    );
  });
});

describe('formatCitation with source metadata', () => {
  it('adds publisher, date and labels commentary and non-current status; nothing for an in-force instrument without publisher', () => {
    const chunk = { title: 'Note', section: [], file: 'corpus/n.md', page: null };
    expect(formatCitation(1, chunk, { publisher: 'MOH', date: '2023-04', kind: 'commentary' })).toBe(
      '[1] Note — corpus/n.md · MOH, 2023-04 · commentary',
    );
    expect(formatCitation(1, chunk, { kind: 'instrument', status: 'repealed' })).toBe(
      '[1] Note — corpus/n.md · repealed',
    );
    expect(formatCitation(1, chunk, { kind: 'instrument', status: 'in force' })).toBe('[1] Note — corpus/n.md');
  });
});
