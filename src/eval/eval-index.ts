import type { Embedder } from '../embed/embedder.ts';
import { chunkDocument, formatEmbeddingInput } from '../ingest/chunk-document.ts';
import { extractIdentifiers } from '../ingest/identifiers.ts';
import { fuseRankings } from '../retrieve/fuse.ts';
import { prepareLexicalQuery } from '../retrieve/lexical-ranking.ts';
import { LexicalIndex } from '../store/lexical/lexical-index.ts';
import { type LexicalInput, type LexicalOptions, lexicalInput } from '../store/lexical/lexical-options.ts';
import type { LexicalHit, VectorSearcher } from '../store/types.ts';
import type { Block, Chunk, ParsedDocument } from '../types.ts';
import type { BeirDoc } from './beir.ts';
import { bestChunkPerDoc, type ScoredDoc } from './doc-ranking.ts';

/** Which lists a query is answered from. */
export type EvalMode = 'lexical' | 'dense' | 'hybrid';

/** Progress of a long step: `phase` names it, `done` of `total` units. */
export interface EvalProgress {
  phase: 'chunk' | 'lexical' | 'embed' | 'query';
  done: number;
  total: number;
}

/** How BEIR documents become chunks, as ingest does it. */
export interface EvalChunking {
  maxTokens: number;
  overlapTokens: number;
  countTokens: (text: string) => number;
  /** Names what counted the tokens (a model id or `estimate`), for the report. */
  tokenizer: string;
}

/** A throwaway in-memory index over one BEIR corpus. */
export interface EvalIndex {
  docs: readonly BeirDoc[];
  /** Chunk ordinal → document ordinal. */
  chunkDoc: Int32Array;
  /** Chunk ordinal → its lexical fields (read by the accent, intent and article refinements). */
  passages: readonly LexicalInput[];
  lexical: LexicalIndex;
  /** Null unless the mode needs dense vectors. */
  vectors: VectorSearcher | null;
}

/**
 * A BEIR document as a parsed document: its title, and one paragraph block per line of
 * text, so the chunker splits where the source breaks lines. The doc id stands in for a file.
 */
export function toParsedDocument(doc: BeirDoc): ParsedDocument {
  const blocks: Block[] = [];
  for (const match of doc.text.matchAll(/[^\n]*\S[^\n]*/g)) {
    blocks.push({ kind: 'paragraph', start: match.index, end: match.index + match[0].length });
  }
  return { file: doc.id, title: doc.title, text: doc.text, blocks, pages: [], metadata: {} };
}

/**
 * Chunks every document, builds the BM25 index over the chunks and, when an embedder is
 * given, embeds them into an HNSW index. Documents without text yield no chunk and can
 * never be retrieved (ObliQA has empty heading passages).
 */
export async function buildEvalIndex(
  docs: readonly BeirDoc[],
  options: {
    chunking: EvalChunking;
    lexicalOptions?: Partial<LexicalOptions>;
    embedder?: Embedder | null;
    onProgress?: (p: EvalProgress) => void;
  },
): Promise<EvalIndex> {
  const { chunking, embedder, onProgress } = options;
  const chunks: Chunk[] = [];
  const chunkDoc: number[] = [];
  docs.forEach((doc, i) => {
    for (const chunk of chunkDocument(toParsedDocument(doc), {
      ...chunking,
      passagePrefix: embedder?.passagePrefix,
      extractIdentifiers,
    })) {
      chunks.push(chunk);
      chunkDoc.push(i);
    }
    if ((i + 1) % 500 === 0 || i + 1 === docs.length) onProgress?.({ phase: 'chunk', done: i + 1, total: docs.length });
  });

  onProgress?.({ phase: 'lexical', done: 0, total: 1 });
  const passages = chunks.map(lexicalInput);
  const lexical = LexicalIndex.build(passages, options.lexicalOptions);
  onProgress?.({ phase: 'lexical', done: 1, total: 1 });

  let vectors: VectorSearcher | null = null;
  if (embedder) {
    // Passages are embedded exactly as ingest embeds them (prefix, context line, text).
    const embedded = await embedder.embedPassages(
      chunks.map((c) => formatEmbeddingInput(c, embedder.passagePrefix)),
      (done, total) => onProgress?.({ phase: 'embed', done, total }),
    );
    // Loaded on demand: a lexical evaluation never needs the native HNSW module.
    const { VectorIndex } = await import('../store/vector-index.ts');
    const index = VectorIndex.create(embedder.dimensions, Math.max(1, embedded.length));
    embedded.forEach((vector, i) => {
      index.add(vector, i);
    });
    vectors = index;
  }
  return { docs, chunkDoc: Int32Array.from(chunkDoc), passages, lexical, vectors };
}

/**
 * The top `k` documents for one chunk-level search, each scored as its best chunk. Asks for
 * 3·k chunks and, if fewer than k documents survive while the search came back full, asks
 * again for twice as many, until k documents or every chunk has been seen.
 */
function _topDocs(index: EvalIndex, search: (n: number) => LexicalHit[], k: number): ScoredDoc[] {
  const total = index.chunkDoc.length;
  const docOf = (chunk: number) => index.chunkDoc[chunk] ?? -1;
  let depth = Math.min(total, 3 * k);
  for (;;) {
    const hits = search(depth);
    const docs = bestChunkPerDoc(hits, docOf, k);
    if (docs.length >= k || hits.length < depth || depth >= total) return docs;
    depth = Math.min(total, depth * 2);
  }
}

/**
 * Answers one query with the top `k` document ordinals, best first. Hybrid fuses the lexical
 * and dense DOCUMENT rankings with reciprocal-rank fusion (the same `fuseRankings` the bot
 * uses): fusing at document level keeps a document with many matching chunks from taking
 * several ranks of one list.
 */
export async function searchEvalIndex(
  index: EvalIndex,
  query: string,
  mode: EvalMode,
  k: number,
  embedder?: Embedder | null,
): Promise<ScoredDoc[]> {
  const lists: ScoredDoc[][] = [];
  if (mode !== 'dense') {
    // Feedback is computed once; only the final search widens with the depth.
    const passage = (chunk: number) => index.passages[chunk] ?? { title: '', section: '', text: '' };
    const prepared = prepareLexicalQuery(index.lexical, query, passage);
    lists.push(_topDocs(index, (n) => prepared.rank(n), k));
  }
  if (mode !== 'lexical') {
    const vectors = index.vectors;
    if (!vectors || !embedder) throw new Error(`Mode ${mode} needs an index built with an embedder.`);
    const vector = await embedder.embedQuery(query);
    lists.push(_topDocs(index, (n) => vectors.search(vector, n), k));
  }
  return lists.length === 1 ? (lists[0] ?? []) : fuseRankings(lists).slice(0, k);
}
