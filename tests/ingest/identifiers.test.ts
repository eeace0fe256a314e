import { describe, expect, it } from 'vitest';
import { extractIdentifiers, formatIdentifierLabel, identifiersMatch } from '../../src/ingest/identifiers.ts';
import type { Identifier } from '../../src/types.ts';

/** [text, key, year, issuer, label] — the single identifier each text names. */
const NORMALISATION: [string, string, number | undefined, string | undefined, string][] = [
  ['Circular 49', 'circular:49', undefined, undefined, 'Circular 49'],
  ['Circular No. 49, 2017', 'circular:49', 2017, undefined, 'Circular 49/2017'],
  ['Circular No. 49/2017', 'circular:49', 2017, undefined, 'Circular 49/2017'],
  ['see 49/2017/TT-BYT for details', 'circular:49', 2017, 'TT-BYT', 'Circular 49/2017/TT-BYT'],
  ['Decision 5316/QD-BYT', 'decision:5316', undefined, 'QD-BYT', 'Decision 5316/QD-BYT'],
  ['5316/QĐ-BYT', 'decision:5316', undefined, 'QD-BYT', 'Decision 5316/QD-BYT'],
  ['Decree 53/2022/ND-CP', 'decree:53', 2022, 'ND-CP', 'Decree 53/2022/ND-CP'],
  ['53/2022/NĐ-CP', 'decree:53', 2022, 'ND-CP', 'Decree 53/2022/ND-CP'],
  ['Decision 06/2022/QD-TTg', 'decision:6', 2022, 'QD-TTG', 'Decision 6/2022/QD-TTG'],
  ['Circular 46/2018/TT-BYT', 'circular:46', 2018, 'TT-BYT', 'Circular 46/2018/TT-BYT'],
  ['Decision 89/QD-TTg-National Strategy on Food', 'decision:89', undefined, 'QD-TTG', 'Decision 89/QD-TTG'],
  ['decision 89/qd-ttg-national strategy', 'decision:89', undefined, 'QD-TTG', 'Decision 89/QD-TTG'],
  ['Thông tư 49', 'circular:49', undefined, undefined, 'Circular 49'],
  ['Thong tu 49/2017/TT-BYT', 'circular:49', 2017, 'TT-BYT', 'Circular 49/2017/TT-BYT'],
  ['Thông tư số 49/2017/TT-BYT', 'circular:49', 2017, 'TT-BYT', 'Circular 49/2017/TT-BYT'],
  ['Quyết định 5316', 'decision:5316', undefined, undefined, 'Decision 5316'],
  ['Quyết định số 5316/QĐ-BYT', 'decision:5316', undefined, 'QD-BYT', 'Decision 5316/QD-BYT'],
  ['Nghị định 53', 'decree:53', undefined, undefined, 'Decree 53'],
  ['Nghị quyết 30/2021/QH15', 'resolution:30', 2021, 'QH15', 'Resolution 30/2021/QH15'],
  ['Chỉ thị 15/CT-TTg', 'directive:15', undefined, 'CT-TTG', 'Directive 15/CT-TTG'],
  ['Chi thi 15', 'directive:15', undefined, undefined, 'Directive 15'],
  ['Law No. 24/2018/QH14', 'law:24', 2018, 'QH14', 'Law 24/2018/QH14'],
  ['Luật số 24/2018/QH14', 'law:24', 2018, 'QH14', 'Law 24/2018/QH14'],
  ['Official Letter 1234/BYT-KCB', 'official-letter:1234', undefined, 'BYT-KCB', 'Official Letter 1234/BYT-KCB'],
  ['Công văn 1234', 'official-letter:1234', undefined, undefined, 'Official Letter 1234'],
  ['12/KH-BYT', 'plan:12', undefined, 'KH-BYT', 'Plan 12/KH-BYT'],
  ['Kế hoạch 12', 'plan:12', undefined, undefined, 'Plan 12'],
  ['Decision No. 2019', 'decision:2019', undefined, undefined, 'Decision 2019'],
  ['Circular 49 of 2017', 'circular:49', 2017, undefined, 'Circular 49/2017'],
];

describe('extractIdentifiers', () => {
  it.each(NORMALISATION)('normalises %j', (text, key, year, issuer, label) => {
    const ids = extractIdentifiers(text);
    expect(ids).toHaveLength(1);
    const [id] = ids;
    expect(id?.key).toBe(key);
    expect(id?.year).toBe(year);
    expect(id?.issuer).toBe(issuer);
    expect(id?.label).toBe(label);
  });

  it.each([
    'Category-1 hospitals',
    'COVID-19 response',
    'item No.1 of the list',
    'in 24 provinces',
    'in 2019',
    'the Decision was signed',
    'a Decision 2019 review',
    'coverage rose 49% in 2019',
    'a budget of $5,316 or 5.316 million',
    'Circular 4.5 percent',
    'ratio 24/7 and 1/2',
    'a plan, 24 hours',
  ])('finds nothing in %j', (text) => {
    expect(extractIdentifiers(text)).toEqual([]);
  });

  it('lists identifiers in order of first appearance, one per key', () => {
    const ids = extractIdentifiers(
      'Decree 53 amends Circular 49; Circular 49 and Decree 53 again; Decision 5316/QD-BYT.',
    );
    expect(ids.map((id) => id.key)).toEqual(['decree:53', 'circular:49', 'decision:5316']);
  });

  it('merges year and issuer from a later mention of the same instrument', () => {
    const [id, ...rest] = extractIdentifiers('Circular 49 sets rules. Full text: Circular No. 49/2017/TT-BYT.');
    expect(rest).toEqual([]);
    expect(id).toEqual({
      key: 'circular:49',
      kind: 'circular',
      number: '49',
      year: 2017,
      issuer: 'TT-BYT',
      label: 'Circular 49/2017/TT-BYT',
      official: '49/2017/TT-BYT',
    });
  });

  it('keeps the number as the source writes it as the official form', () => {
    expect(extractIdentifiers('Decision 06/2022/QD-TTg and Quyết định 5316/QĐ-BYT').map((id) => id.official)).toEqual([
      '06/2022/QD-TTg',
      '5316/QĐ-BYT',
    ]);
    expect(extractIdentifiers('Circular No. 49, 2017')[0]?.official).toBeUndefined();
  });

  it('does not count a bare number inside a worded reference twice', () => {
    expect(extractIdentifiers('Circular 46/2018/TT-BYT and 49/2017/TT-BYT').map((id) => id.label)).toEqual([
      'Circular 46/2018/TT-BYT',
      'Circular 49/2017/TT-BYT',
    ]);
  });

  it('gives the same identifiers with or without Vietnamese diacritics', () => {
    const pairs: [string, string][] = [
      ['Thông tư 49/2017/TT-BYT', 'Thong tu 49/2017/TT-BYT'],
      ['Quyết định 5316/QĐ-BYT', 'Quyet dinh 5316/QD-BYT'],
      ['Nghị định số 53/2022/NĐ-CP', 'Nghi dinh so 53/2022/ND-CP'],
      ['Nghị quyết 30', 'Nghi quyet 30'],
      ['Chỉ thị 15', 'chi thi 15'],
    ];
    for (const [accented, plain] of pairs) {
      const withoutOfficial = (text: string) => extractIdentifiers(text).map(({ official: _, ...id }) => id);
      expect(withoutOfficial(accented)).toEqual(withoutOfficial(plain));
      expect(extractIdentifiers(accented)).toHaveLength(1);
    }
  });
});

describe('identifiersMatch', () => {
  const one = (text: string): Identifier => {
    const [id] = extractIdentifiers(text);
    if (!id) throw new Error(`no identifier in ${text}`);
    return id;
  };

  it('never matches Circular 46 with Circular 49', () => {
    expect(identifiersMatch(one('Circular 46'), one('Circular 49'))).toBe(false);
    expect(identifiersMatch(one('Circular 46/2018/TT-BYT'), one('49/2017/TT-BYT'))).toBe(false);
    expect(identifiersMatch(one('Circular 49'), one('Circular No. 49, 2017'))).toBe(true);
  });

  it('matches a Vietnamese query to an English passage naming the same instrument', () => {
    expect(identifiersMatch(one('Thông tư 49'), one('Circular No. 49, 2017'))).toBe(true);
    expect(identifiersMatch(one('Quyet dinh 5316'), one('Decision 5316/QD-BYT'))).toBe(true);
  });

  it('refuses a different year or issuer when both sides state one', () => {
    expect(identifiersMatch(one('Circular 49/2017'), one('Circular 49/2020'))).toBe(false);
    expect(identifiersMatch(one('Circular 49/TT-BTC'), one('49/2017/TT-BYT'))).toBe(false);
    expect(identifiersMatch(one('Circular 49/2017'), one('49/2017/TT-BYT'))).toBe(true);
  });

  it('treats a shorter issuer as compatible with one that extends it', () => {
    expect(identifiersMatch(one('Decision 5316/QD'), one('5316/QĐ-BYT'))).toBe(true);
    expect(identifiersMatch(one('Decision 5316/QD-BY'), one('5316/QĐ-BYT'))).toBe(false);
  });

  it('never matches different kinds with the same number', () => {
    expect(identifiersMatch(one('Decree 53'), one('Decision 53'))).toBe(false);
  });
});

describe('formatIdentifierLabel', () => {
  it('joins number, year and issuer with slashes after the kind', () => {
    expect(formatIdentifierLabel('official-letter', '7', 2020, 'BYT-KCB')).toBe('Official Letter 7/2020/BYT-KCB');
    expect(formatIdentifierLabel('decree', '53')).toBe('Decree 53');
  });
});
