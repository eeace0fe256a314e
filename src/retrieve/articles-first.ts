import type { LexicalInput } from '../store/lexical/lexical-options.ts';
import type { LexicalHit, LexicalSearcher } from '../store/types.ts';
import { articleCatalog } from './article-catalog.ts';

/** Most passages of an article number moved to the top when none of them is among the hits. */
const MAX_ARTICLE_PASSAGES = 20;

/**
 * The hits with the passages of the named articles first. Those among the hits keep their
 * order and score, raised by the best score; if none is among them, the article's passages
 * (any instrument's, at most MAX_ARTICLE_PASSAGES) are put first at the best score.
 */
export function articlesFirst(
  hits: LexicalHit[],
  articles: ReadonlySet<string>,
  lexical: LexicalSearcher,
  passage: (doc: number) => LexicalInput,
  depth: number,
): LexicalHit[] {
  if (articles.size === 0) return hits;
  const catalog = articleCatalog(lexical, passage);
  const wanted = new Set<number>();
  for (const article of articles) for (const doc of catalog.get(article) ?? []) wanted.add(doc);
  if (wanted.size === 0) return hits;
  const top = hits[0]?.score ?? 0;
  const found = hits.filter((h) => wanted.has(h.doc));
  const first =
    found.length > 0
      ? found.map((h) => ({ doc: h.doc, score: h.score + top }))
      : [...wanted]
          .sort((a, b) => a - b)
          .slice(0, MAX_ARTICLE_PASSAGES)
          .map((doc) => ({ doc, score: top }));
  const moved = new Set(first.map((h) => h.doc));
  return [...first, ...hits.filter((h) => !moved.has(h.doc))].slice(0, Math.max(depth, first.length));
}
