import { describe, expect, it } from 'vitest';
import { ArticleQuestionTally } from '../../src/eval/article-questions.ts';

describe('article questions in an eval run', () => {
  it('counts questions naming an article and those whose first document is it, cross-references left out', () => {
    const tally = new ArticleQuestionTally();
    tally.add('Điều 2 Luật An ninh mạng quy định gì?', 'Luật An ninh mạng (24/2018/QH14) — Điều 2. Giải thích từ ngữ');
    tally.add('Điều 5 Bộ luật Dân sự quy định gì?', 'Bộ luật Dân sự 2015 (91/2015/QH13) — Điều 6. Áp dụng tương tự');
    tally.add('What does Article 4 of Circular 49 require?', undefined);
    // A quoted provision pointing elsewhere is not a question about that article.
    tally.add('Trường hợp quy định tại Điều 6 của Bộ luật này là gì?', 'Bộ luật Dân sự 2015 — Điều 6. Áp dụng');
    tally.add('Tài sản hiện có là gì?', 'Bộ luật Dân sự 2015 — Điều 108. Tài sản hiện có');
    expect(tally.result()).toEqual({ naming: 3, namedArticleFirst: 1 });
  });

  it('reports nothing when no question names an article', () => {
    const tally = new ArticleQuestionTally();
    tally.add('What does Circular 49 require?', 'Circular 49/2017/TT-BYT');
    expect(tally.result()).toBeUndefined();
  });
});
