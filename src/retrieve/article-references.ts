import { foldText } from '../lib/text.ts';

/** An article a question names: "Điều 5", "khoản 2 Điều 5", "Article 5(2)(a)", "Art. 5". */
export interface ArticleReference {
  article: string;
  clause?: string;
  point?: string;
  /**
   * The question quotes a provision that points elsewhere ("… quy định tại khoản 1 Điều 6
   * của Bộ luật này", "the cases referred to in Article 5"): the answer is the article that
   * says it, which may be another one, so the reference is not ranked first.
   */
  crossReference: boolean;
}

// Over folded text. Vietnamese puts the smallest unit first ("điểm a khoản 2 Điều 5") or
// the article first ("Điều 5 khoản 2 điểm a"); English "Article 5(2)(a)", "Art. 5",
// "clause 2 of Article 5".
const VI_BEFORE = /(?:diem\s+([a-z])\s*,?\s+)?(?:khoan\s+(\d{1,3})\s*,?\s+)?dieu\s+(\d{1,4}[a-z]?)\b/g;
const VI_AFTER = /^\s*,?\s*(?:khoan\s+(\d{1,3}))?\s*,?\s*(?:diem\s+([a-z])\b)?/;
const EN =
  /(?:(?:point|letter)\s+\(?([a-z])\)?\s*,?\s+(?:of\s+)?)?(?:(?:clause|paragraph)\s+(\d{1,3})\s*,?\s+(?:of\s+)?)?(?:article|art\.)\s*(\d{1,4}[a-z]?)(?:\((\d{1,3})\))?(?:\(([a-z])\))?/g;
const CROSS_BEFORE =
  /(?:quy dinh|neu|ghi|noted|referred to|specified|prescribed|mentioned|provided for)\s+(?:tai|in|at|under)\s+(?:cac\s+)?$/;
const CROSS_AFTER =
  /^[\s,]*(?:cua\s+(?:bo\s+)?(?:luat|nghi dinh|thong tu|quyet dinh|nghi quyet)\s+nay|of\s+this\s+(?:law|code|decree|circular|decision|resolution))/;

/**
 * The articles a question names, in order, each once. Never throws: "Điều" without a number
 * names nothing.
 */
export function findArticleReferences(question: string): ArticleReference[] {
  const folded = foldText(question);
  const found: (ArticleReference & { at: number })[] = [];
  for (const m of folded.matchAll(VI_BEFORE)) {
    const end = m.index + m[0].length;
    const after = VI_AFTER.exec(folded.slice(end));
    const clause = m[2] ?? after?.[1];
    const point = m[1] ?? after?.[2];
    found.push(_reference(folded, m.index, end + (after?.[0].length ?? 0), m[3]!, clause, point));
  }
  for (const m of folded.matchAll(EN)) {
    found.push(_reference(folded, m.index, m.index + m[0].length, m[3]!, m[4] ?? m[2], m[5] ?? m[1]));
  }
  found.sort((a, b) => a.at - b.at);
  const seen = new Set<string>();
  const out: ArticleReference[] = [];
  for (const { at: _at, ...ref } of found) {
    const key = `${ref.article}/${ref.clause ?? ''}/${ref.point ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(ref);
  }
  return out;
}

function _reference(
  folded: string,
  start: number,
  end: number,
  article: string,
  clause?: string,
  point?: string,
): ArticleReference & { at: number } {
  const crossReference =
    CROSS_BEFORE.test(folded.slice(Math.max(0, start - 40), start)) || CROSS_AFTER.test(folded.slice(end, end + 40));
  const ref: ArticleReference & { at: number } = { at: start, article, crossReference };
  if (clause !== undefined) ref.clause = clause;
  if (point !== undefined) ref.point = point;
  return ref;
}

/** The article numbers a question asks about directly (cross-references left out). */
export function targetArticles(question: string): Set<string> {
  return new Set(
    findArticleReferences(question)
      .filter((r) => !r.crossReference)
      .map((r) => r.article),
  );
}
