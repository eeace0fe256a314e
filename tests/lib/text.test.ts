import { describe, expect, it } from 'vitest';
import { foldText, foldTextAligned, isWhiteSpace, splitSentences } from '../../src/lib/text.ts';

describe('foldText', () => {
  it('removes Vietnamese diacritics and lowercases', () => {
    expect(foldText('Quyết định 5316/QĐ-BYT')).toBe('quyet dinh 5316/qd-byt');
    expect(foldText('Thông tư 49')).toBe('thong tu 49');
    expect(foldText('Nghị định')).toBe('nghi dinh');
  });

  it('keeps positions aligned when asked to', () => {
    const source = 'Trần Văn Thuấn said QĐ';
    const folded = foldTextAligned(source);
    expect(folded).toHaveLength(source.length);
    expect(folded).toBe('tran van thuan said qd');
  });

  it('folds every character as folding it alone would, astral and lone surrogates included', () => {
    const source = 'Quyết ĐỊNH ﬁle İstanbul Straße 😀 \ud800 x \u00c5\u030a 第5316号 ABC';
    const oneByOne = [...source]
      .map((ch) => {
        const f = foldText(ch);
        if (f.length === ch.length) return f;
        return ch.toLowerCase().length === ch.length ? ch.toLowerCase() : ch;
      })
      .join('');
    expect(foldTextAligned(source)).toBe(oneByOne);
    expect(foldTextAligned(source)).toHaveLength(source.length);
  });
});

describe('splitSentences', () => {
  it('returns trimmed spans that slice back to the sentences', () => {
    const text = '  First one. Second one!  Third?';
    const spans = splitSentences(text);
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual(['First one.', 'Second one!', 'Third?']);
  });
});

describe('foldText on text beyond Latin marks', () => {
  it('folds the same whether or not the text holds punctuation, other scripts or their marks', () => {
    expect(foldText('Điều 5 – “Phạm vi” … €')).toBe('dieu 5 – “pham vi” ... €');
    // Devanagari and Hebrew marks are marks too, outside U+0300–U+036F.
    expect(foldText('हिंदी')).toBe('हद');
    expect(foldText('שָׁלוֹם')).toBe('שלום');
    expect(foldText('Tiếng Việt và 中文')).toBe('tieng viet va 中文');
  });
});

describe('isWhiteSpace', () => {
  it('holds for exactly the code units that \\s matches', () => {
    const differ: number[] = [];
    for (let code = 0; code < 0x10000; code++)
      if (isWhiteSpace(code) !== /\s/.test(String.fromCharCode(code))) differ.push(code);
    expect(differ).toEqual([]);
    expect(isWhiteSpace(Number.NaN)).toBe(false);
  });
});
