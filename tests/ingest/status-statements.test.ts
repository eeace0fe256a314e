import { describe, expect, it } from 'vitest';
import { findStatusStatements } from '../../src/ingest/status-statements.ts';

const found = (text: string) =>
  findStatusStatements(text).map((s) => ({
    status: s.status,
    subject: s.subject.label,
    by: s.by?.label,
    sentence: text.slice(s.start, s.end),
  }));

describe('findStatusStatements', () => {
  it('finds the instrument a sentence calls outdated, past a relative clause', () => {
    const text =
      'In 2021 the MOH proposed a draft. However, Circular 46/2018/TT-BYT, which prescribed electronic medical records, is outdated and no longer fits. Other text.';
    expect(found(text)).toEqual([
      {
        status: 'outdated',
        subject: 'Circular 46/2018/TT-BYT',
        by: undefined,
        sentence:
          'However, Circular 46/2018/TT-BYT, which prescribed electronic medical records, is outdated and no longer fits.',
      },
    ]);
  });

  it('reads active and passive replacement, with the replacing instrument', () => {
    expect(found('Decree 13/2023/ND-CP replaces Decree 52/2013/ND-CP.')).toMatchObject([
      { status: 'replaced', subject: 'Decree 52/2013/ND-CP', by: 'Decree 13/2023/ND-CP' },
    ]);
    expect(found('Decree 52/2013/ND-CP has been replaced by Decree 85/2021/ND-CP.')).toMatchObject([
      { status: 'replaced', subject: 'Decree 52/2013/ND-CP', by: 'Decree 85/2021/ND-CP' },
    ]);
  });

  it('reads Vietnamese, with or without diacritics', () => {
    expect(found('Nghị định 52/2013/NĐ-CP hết hiệu lực kể từ ngày 1/7/2021.')).toMatchObject([
      { status: 'repealed', subject: 'Decree 52/2013/ND-CP' },
    ]);
    expect(found('Nghi dinh 52/2013/ND-CP duoc thay the boi Nghi dinh 85/2021/ND-CP.')).toMatchObject([
      { status: 'replaced', subject: 'Decree 52/2013/ND-CP', by: 'Decree 85/2021/ND-CP' },
    ]);
    expect(found('Thông tư 10/2020/TT-BYT sửa đổi, bổ sung một số điều của Thông tư 46/2018/TT-BYT.')).toMatchObject([
      { status: 'amended', subject: 'Circular 46/2018/TT-BYT', by: 'Circular 10/2020/TT-BYT' },
    ]);
  });

  it('never guesses: no instrument named, a negation or a future tense give nothing', () => {
    expect(found('It was repealed in 2020.')).toEqual([]);
    expect(found('Circular 46 is not outdated.')).toEqual([]);
    expect(found('Circular 46 will be replaced next year.')).toEqual([]);
    expect(found('Circular 49 regulates telemedicine; paper records are being replaced by EMRs.')).toEqual([]);
  });
});
