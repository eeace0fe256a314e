import { describe, expect, it } from 'vitest';
import { foldSameLength, foldText, foldTextByDefinition, lowerCodeAt, lowerNfc } from '../../src/lib/fold.ts';
import { prng } from '../fixtures/prng.ts';

/** Characters the fold table covers (Latin, their marks, Vietnamese, punctuation), and some it does not. */
const COVERED = [
  ...Array.from({ length: 0x370 }, (_, c) => c),
  ...Array.from({ length: 0x100 }, (_, c) => 0x1e00 + c),
  ...Array.from({ length: 0xd0 }, (_, c) => 0x2000 + c),
].map((c) => String.fromCharCode(c));
const OTHERS = ['Σ', 'ς', 'Ω', 'Å', '家', 'ﬁ', '\u0483', '\u1dc0', '\ud83d', '\ude00', '😀', 'İ', 'K'];
const VIETNAMESE = 'Quyết định hoà hòa Hóa ĐIỀU Đ đ ư ơ ạ ặ ễ ỹ ỷ ’ “ ” – … ₫'.split('');

/** Seeded random strings: mostly covered characters and Vietnamese letters, now and then another one. */
function randomTexts(count: number, seed: number, others = true): string[] {
  const rand = prng(seed);
  const pick = () => {
    const r = rand();
    if (others && r < 0.05) return OTHERS[Math.floor(rand() * OTHERS.length)]!;
    if (r < 0.5) return VIETNAMESE[Math.floor(rand() * VIETNAMESE.length)]!;
    return COVERED[Math.floor(rand() * COVERED.length)]!;
  };
  return Array.from({ length: count }, () => Array.from({ length: 1 + Math.floor(rand() * 14) }, pick).join(''));
}

describe('folding by table', () => {
  it('folds every covered character, alone and beside any other, as the definition does', () => {
    for (const ch of [...COVERED, ...OTHERS]) expect(foldText(ch), ch).toBe(foldTextByDefinition(ch));
    const rand = prng(3);
    for (let i = 0; i < 100_000; i++) {
      const pair = COVERED[Math.floor(rand() * COVERED.length)]! + COVERED[Math.floor(rand() * COVERED.length)]!;
      expect(foldText(pair)).toBe(foldTextByDefinition(pair));
    }
  });

  it('folds mixed text, marks and other scripts as the definition does', () => {
    for (const text of randomTexts(20_000, 5))
      expect(foldText(text), JSON.stringify(text)).toBe(foldTextByDefinition(text));
    expect(foldText('Quyết định số 49/2017/TT-BYT')).toBe('quyet dinh so 49/2017/tt-byt');
  });

  it('lower-cases to NFC as normalize and toLowerCase do, decomposed text included', () => {
    for (const text of [...randomTexts(20_000, 7), 'Hoa\u0300 lơ\u0323i', '\u2000x\u2001', 'ΟΔΟΣ']) {
      expect(lowerNfc(text), JSON.stringify(text)).toBe(text.normalize('NFC').toLowerCase());
    }
  });

  it('keeps positions only where the fold, the lower case and the text line up character for character', () => {
    let kept = 0;
    for (const text of randomTexts(20_000, 9)) {
      const folded = foldSameLength(text);
      if (folded === undefined) continue;
      kept++;
      const lower = lowerNfc(text);
      expect(folded).toBe(foldText(text));
      expect([folded.length, lower.length]).toEqual([text.length, text.length]);
      for (let i = 0; i < text.length; i++) expect(lowerCodeAt(text, i)).toBe(lower.charCodeAt(i));
    }
    expect(kept).toBeGreaterThan(1000);
    expect(foldSameLength('Lợi tức')).toBe('loi tuc');
    for (const text of ['lo\u0323i', 'İ', 'ĳ', 'Σ', '家']) expect(foldSameLength(text), text).toBeUndefined();
  });
});
