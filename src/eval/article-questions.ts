import { articleNumberOf } from '../ingest/legal-structure.ts';
import { targetArticles } from '../retrieve/article-references.ts';

/** How questions that name an article ("Điều 2", "Article 5") fared: how many, and how many got it first. */
export interface ArticleQuestions {
  /** Questions naming an article directly (cross-references such as "quy định tại Điều 6" left out). */
  naming: number;
  /** Of them, those whose first document is that article (read from its title, "… — Điều 2. …"). */
  namedArticleFirst: number;
}

/** Counts article questions over an eval run; `add` once per question with its first document's title. */
export class ArticleQuestionTally {
  private naming = 0;
  private first = 0;

  add(question: string, firstTitle: string | undefined): void {
    const targets = targetArticles(question);
    if (targets.size === 0) return;
    this.naming++;
    const article = firstTitle === undefined ? undefined : articleNumberOf(firstTitle, []);
    if (article !== undefined && targets.has(article)) this.first++;
  }

  /** The counts, or undefined when no question named an article (most datasets). */
  result(): ArticleQuestions | undefined {
    return this.naming === 0 ? undefined : { naming: this.naming, namedArticleFirst: this.first };
  }
}
