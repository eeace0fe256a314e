import { articleNumberOf } from '../ingest/legal-structure.ts';
import type { LexicalInput } from '../store/lexical/lexical-options.ts';
import type { LexicalSearcher } from '../store/types.ts';

/** Article number → the passages of that article (in any instrument), ascending. */
export type ArticleCatalog = ReadonlyMap<string, readonly number[]>;

const catalogs = new WeakMap<LexicalSearcher, ArticleCatalog>();

/**
 * The passages of each article number, read once per index from the passages' section paths
 * and titles (an index is immutable once built, so the catalog is cached with it).
 */
export function articleCatalog(lexical: LexicalSearcher, passage: (doc: number) => LexicalInput): ArticleCatalog {
  let catalog = catalogs.get(lexical);
  if (!catalog) {
    const map = new Map<string, number[]>();
    const sections = new Map<string, string | undefined>();
    for (let doc = 0; doc < lexical.size; doc++) {
      const p = passage(doc);
      const key = `${p.title}\n${p.section}`;
      let article = sections.get(key);
      if (!sections.has(key)) {
        article = articleNumberOf(p.title, p.section.split(' › '));
        sections.set(key, article);
      }
      if (article === undefined) continue;
      const docs = map.get(article);
      if (docs) docs.push(doc);
      else map.set(article, [doc]);
    }
    catalog = map;
    catalogs.set(lexical, catalog);
  }
  return catalog;
}
