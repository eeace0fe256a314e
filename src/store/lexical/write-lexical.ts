import { mkdir } from 'node:fs/promises';
import type { Analyzer } from './analyzer.ts';
import type { ForwardIndex } from './forward-index.ts';
import { type LexicalInput, type LexicalOptions, resolveLexicalOptions } from './lexical-options.ts';
import { saveLexical } from './lexical-storage.ts';
import { buildPostings, type Postings } from './postings.ts';
import { encodeSentences, type SentenceTable } from './sentence-table.ts';

/** What a lexical index is made of, built from its documents: what `save` writes and `load` reads back. */
export interface LexicalParts {
  postings: Postings;
  forward: ForwardIndex;
  sentences: SentenceTable;
  /** The analyzer that numbered the terms (kept for querying a freshly built index). */
  analyzer: Analyzer;
  options: LexicalOptions;
}

/**
 * Indexes `docs` (one per chunk, in chunk order) with the defaults overlaid by `options`.
 * Throws CONFIG_INVALID for out-of-range options.
 */
export function buildLexicalParts(docs: readonly LexicalInput[], options: Partial<LexicalOptions> = {}): LexicalParts {
  const resolved = resolveLexicalOptions(options);
  const { postings, forward, analyzer } = buildPostings(docs, resolved);
  const sentences = encodeSentences(docs.map((d) => d.text));
  return { postings, forward, sentences, analyzer, options: resolved };
}

/**
 * Builds the lexical index of `docs` and writes its files into `dir` (created if need be): the
 * files `LexicalIndex.build(docs, options).save(dir)` writes, without making the searchable
 * index (its scorer, term lookup and passage reader), which a build that only writes never uses.
 */
export async function writeLexicalIndex(
  docs: readonly LexicalInput[],
  options: Partial<LexicalOptions>,
  dir: string,
): Promise<void> {
  const { postings, forward, sentences, options: resolved } = buildLexicalParts(docs, options);
  await mkdir(dir, { recursive: true });
  await saveLexical(dir, postings, forward, sentences, resolved);
}
