import { describe, expect, it } from 'vitest';
import { findArticleReferences, targetArticles } from '../../src/retrieve/article-references.ts';

describe('findArticleReferences', () => {
  it('reads Vietnamese references in either order, with clause and point', () => {
    expect(findArticleReferences('khoản 3 Điều 2 Luật An ninh mạng số 24/2018/QH14 quy định gì?')).toEqual([
      { article: '2', clause: '3', crossReference: false },
    ]);
    expect(findArticleReferences('Điều 5 khoản 2 điểm a Thông tư 49')).toEqual([
      { article: '5', clause: '2', point: 'a', crossReference: false },
    ]);
    expect(findArticleReferences('điểm đ khoản 1 Điều 132')).toEqual([
      { article: '132', clause: '1', point: 'd', crossReference: false },
    ]);
    expect(findArticleReferences('dieu 10 bo luat lao dong')).toEqual([{ article: '10', crossReference: false }]);
  });

  it('reads English references: Article N, Article N(K)(p), Art. N, clause K of Article N', () => {
    expect(findArticleReferences('What does Article 5(2)(a) of Circular 49 require?')).toEqual([
      { article: '5', clause: '2', point: 'a', crossReference: false },
    ]);
    expect(findArticleReferences('Art. 12 of the Law')).toEqual([{ article: '12', crossReference: false }]);
    expect(findArticleReferences('clause 2 of Article 7')).toEqual([
      { article: '7', clause: '2', crossReference: false },
    ]);
  });

  it('marks references a quoted provision makes to another article', () => {
    const refs = findArticleReferences('hoặc hành vi quy định tại Điều 322 của Bộ luật này thì bị phạt như thế nào?');
    expect(refs).toEqual([{ article: '322', crossReference: true }]);
    expect(targetArticles('the cases referred to in Article 9')).toEqual(new Set());
    expect(targetArticles('Theo Điều 9, Bộ luật dân sự 2015, …')).toEqual(new Set(['9']));
  });

  it('finds nothing in "Điều" without a number, dates or ordinary words', () => {
    expect(findArticleReferences('Điều này quy định gì?')).toEqual([]);
    expect(findArticleReferences('điều kiện ngày 1 tháng 7 năm 2018')).toEqual([]);
    expect(findArticleReferences('articles of association')).toEqual([]);
  });
});
