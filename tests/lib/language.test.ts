import { describe, expect, it } from 'vitest';
import { detectLanguage, isVietnameseSyllable } from '../../src/lib/language.ts';
import { prng } from '../fixtures/prng.ts';

describe('detectLanguage', () => {
  it('knows Vietnamese by its diacritics, composed or decomposed', () => {
    expect(detectLanguage('Tài sản hiện có và tài sản hình thành trong tương lai')).toEqual({
      language: 'vi',
      confident: true,
    });
    expect(detectLanguage('Quyền và nghĩa vụ của người lao động'.normalize('NFD')).language).toBe('vi');
  });

  it('does not take French or an English text quoting a Vietnamese title for Vietnamese', () => {
    expect(detectLanguage('Le café est très bon et la crème brûlée aussi').language).toBe('other');
    const english =
      'The Ministry issued the circular, titled Thông tư số 49/2017/TT-BYT, to regulate telemedicine services across all provinces of the country.';
    expect(detectLanguage(english).language).toBe('other');
  });

  it('recognises Vietnamese typed without diacritics by its syllables and common words', () => {
    expect(detectLanguage('nguoi lao dong duoc nghi bao nhieu ngay')).toEqual({ language: 'vi', confident: true });
    // Every word could be Vietnamese, but none is Vietnamese-only: either language.
    expect(detectLanguage('an ninh mang')).toEqual({ language: 'vi', confident: false });
    expect(detectLanguage('What does Circular 49 require?')).toEqual({ language: 'other', confident: true });
  });

  it('tells Chinese and Japanese apart from Latin text, and never throws on odd input', () => {
    expect(detectLanguage('越南遠距醫療的法規有什麼要求？').language).toBe('cjk');
    expect(detectLanguage('遠隔医療の規則は何ですか').language).toBe('cjk');
    expect(detectLanguage('').language).toBe('other');
    expect(detectLanguage('12/2018 — ?!').language).toBe('other');
    expect(detectLanguage('Привет мир').language).toBe('other');
    expect(() => detectLanguage('\ud800 broken surrogate Điều')).not.toThrow();
  });

  it('guesses ASCII text as it guesses the same text with a neutral character beyond ASCII', () => {
    // An em dash is no letter, mark or CJK character: it only sends the text down the full scan.
    const rand = prng(17);
    const pieces = [
      'an',
      'ninh',
      'mang',
      'nguoi',
      'duoc',
      'the',
      'Circular',
      '49/2017',
      'TT-BYT',
      '2024',
      '?',
      ',',
      'x9Y',
    ];
    const texts = [
      '',
      ' ',
      '2024 49/2017',
      '...',
      'an ninh mang',
      'What does Circular 49 require?',
      'NGUOI LAO DONG DUOC NGHI',
    ];
    for (let k = 0; k < 300; k++)
      texts.push(
        Array.from({ length: 1 + Math.floor(rand() * 12) }, () => pieces[Math.floor(rand() * pieces.length)]).join(' '),
      );
    for (const text of texts) expect(detectLanguage(text), text).toEqual(detectLanguage(`${text} \u2014`));
  });

  it('checks the shape of a folded Vietnamese syllable', () => {
    for (const s of ['nguoi', 'nghieng', 'an', 'khoan', 'truong', 'quyen']) expect(isVietnameseSyllable(s)).toBe(true);
    for (const s of ['what', 'circular', 'strength', 'of']) expect(isVietnameseSyllable(s)).toBe(false);
  });
});
