import { describe, expect, it } from 'vitest';
import { intentHeadingMatcher, questionIntents } from '../../src/retrieve/intents.ts';

describe('question intents', () => {
  it('reads the intent of Vietnamese and English questions', () => {
    expect(questionIntents("Định nghĩa của 'Người lao động'?")).toEqual(['definitions']);
    expect(questionIntents('Bộ luật Lao động quy định điều gì?')).toEqual(['scope']);
    expect(questionIntents('What does Circular 49 regulate?')).toEqual(['scope']);
    expect(questionIntents('Những hành vi nào bị nghiêm cấm?')).toEqual(['prohibited']);
    expect(questionIntents('When does the Law enter into force?')).toEqual(['entry-into-force']);
    expect(questionIntents('Trách nhiệm của Bộ Y tế')).toEqual(['responsibilities']);
    expect(questionIntents('What penalties apply?')).toEqual(['penalties']);
    expect(questionIntents('How many beds does the hospital have?')).toEqual([]);
  });

  it('matches the standard article headings of the intent, in either language', () => {
    const definitions = intentHeadingMatcher('What is the meaning of telemedicine?');
    expect(definitions?.('Điều 3. Giải thích từ ngữ')).toBe(true);
    expect(definitions?.('Article 3. Interpretation of terms')).toBe(true);
    expect(definitions?.('Điều 4. Nguyên tắc')).toBe(false);
    const scope = intentHeadingMatcher('Luật An ninh mạng quy định về điều gì?');
    expect(scope?.('Điều 1. Phạm vi điều chỉnh')).toBe(true);
    expect(intentHeadingMatcher('tài sản hiện có')).toBeUndefined();
  });
});
