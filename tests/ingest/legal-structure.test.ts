import { describe, expect, it } from 'vitest';
import { articleNumberOf, legalHeadingOf, subdivisionOf } from '../../src/ingest/legal-structure.ts';

describe('legal structure', () => {
  it('recognises chapter, section and article headings in Vietnamese and English', () => {
    expect(legalHeadingOf('Chương I')).toEqual({ level: 1, number: 'I' });
    expect(legalHeadingOf('CHƯƠNG II. QUY ĐỊNH CHUNG')).toEqual({ level: 1, number: 'II' });
    expect(legalHeadingOf('Chapter III GENERAL PROVISIONS')).toEqual({ level: 1, number: 'III' });
    expect(legalHeadingOf('Mục 2. TƯ VẤN TỪ XA')).toEqual({ level: 2, number: '2' });
    expect(legalHeadingOf('Section 1')).toEqual({ level: 2, number: '1' });
    expect(legalHeadingOf('Điều 5. Phạm vi điều chỉnh')).toEqual({ level: 3, number: '5' });
    expect(legalHeadingOf('ĐIỀU 12a: Hiệu lực')).toEqual({ level: 3, number: '12a' });
    expect(legalHeadingOf('Article 5. Scope')).toEqual({ level: 3, number: '5' });
  });

  it('leaves sentences and malformed headings as text', () => {
    expect(legalHeadingOf('Điều 5 quy định về phạm vi')).toBeUndefined();
    expect(legalHeadingOf('Điều')).toBeUndefined();
    expect(legalHeadingOf('Điều kiện hành nghề')).toBeUndefined();
    expect(legalHeadingOf('Chapter 1 of this Law provides')).toBeUndefined();
    expect(legalHeadingOf('section 3 applies')).toBeUndefined();
  });

  it('recognises clauses and points opening a line', () => {
    expect(subdivisionOf('2. Bộ Y tế có trách nhiệm')).toEqual({ kind: 'clause', label: '2' });
    expect(subdivisionOf('đ) Trường hợp khác')).toEqual({ kind: 'point', label: 'đ' });
    expect(subdivisionOf('b) the clinic')).toEqual({ kind: 'point', label: 'b' });
    expect(subdivisionOf('In 2018, the law')).toBeUndefined();
  });

  it('reads the article number from the deepest section heading, else the title', () => {
    expect(articleNumberOf('Thông tư 49', ['Chương I', 'Điều 3. Giải thích từ ngữ'])).toBe('3');
    expect(articleNumberOf('Bộ luật Dân sự 2015 (91/2015/QH13) — Điều 108. Tài sản hiện có', [])).toBe('108');
    expect(articleNumberOf('Annual report', ['Introduction'])).toBeUndefined();
  });
});
