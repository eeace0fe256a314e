import { describe, expect, it } from 'vitest';
import { PolicybotError } from '../../src/errors.ts';
import { checkDate, parseSourceMetadata } from '../../src/ingest/source-metadata.ts';

const fails = (raw: Record<string, string>) => {
  try {
    parseSourceMetadata(raw, 'corpus/a.pdf');
  } catch (error) {
    expect(error).toBeInstanceOf(PolicybotError);
    expect((error as PolicybotError).code).toBe('METADATA_INVALID');
    return (error as Error).message;
  }
  throw new Error('expected a METADATA_INVALID error');
};

describe('parseSourceMetadata', () => {
  it('keeps the known fields, normalises kind and status, and ignores other keys', () => {
    const source = parseSourceMetadata(
      {
        title: ' Decree 13 ',
        url: 'https://example.org/d13',
        publisher: 'Government',
        date: '2023-04-17',
        effective: '2023-07',
        kind: 'Instrument',
        language: 'vi',
        status: 'In_Force',
        replaced_by: 'Decree 99/2025/ND-CP',
        country: 'Vietnam',
      },
      'corpus/a.pdf',
    );
    expect(source).toEqual({
      title: 'Decree 13',
      url: 'https://example.org/d13',
      publisher: 'Government',
      date: '2023-04-17',
      effective: '2023-07',
      kind: 'instrument',
      language: 'vi',
      status: 'in force',
      replaced_by: 'Decree 99/2025/ND-CP',
    });
  });

  it('names the field and the value when a date is not a date', () => {
    expect(fails({ date: 'last year' })).toBe(
      'corpus/a.pdf: metadata field "date" is not a date: use YYYY-MM-DD, YYYY-MM or YYYY (got "last year").',
    );
    expect(fails({ effective: '2023-02-30' })).toContain('"effective" is not a date');
  });

  it('refuses links that are not http(s), unknown kinds and statuses, and odd language codes', () => {
    expect(fails({ url: 'javascript:alert(1)' })).toContain('"url" must be an http:// or https:// link');
    expect(fails({ kind: 'blog' })).toContain('"kind" must be one of instrument, translation, commentary');
    expect(fails({ status: 'valid' })).toContain(
      '"status" must be one of in force, amended, replaced, repealed, draft, outdated',
    );
    expect(fails({ language: 'English (UK)' })).toContain('"language"');
  });

  it('refuses over-long text fields', () => {
    expect(fails({ publisher: 'x'.repeat(301) })).toContain('"publisher" is longer than 300 characters');
  });
});

describe('checkDate', () => {
  it('accepts years, months and real calendar days, and YAML timestamps at midnight', () => {
    expect(checkDate('2024')).toBe('2024');
    expect(checkDate('2024-02')).toBe('2024-02');
    expect(checkDate('2024-02-29')).toBe('2024-02-29');
    expect(checkDate('2024-02-29T00:00:00.000Z')).toBe('2024-02-29');
    expect(checkDate('2023-02-29')).toBeNull();
    expect(checkDate('2023-13')).toBeNull();
    expect(checkDate('17/04/2023')).toBeNull();
  });
});
