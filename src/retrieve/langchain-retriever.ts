import { Document } from '@langchain/core/documents';
import { BaseRetriever, type BaseRetrieverInput } from '@langchain/core/retrievers';
import type { Retriever } from './retriever.ts';

export interface PolicybotRetrieverInput extends BaseRetrieverInput {
  retriever: Retriever;
  /** Passages per query (default 5). */
  k?: number;
}

/**
 * The retriever as a LangChain `BaseRetriever`, so it plugs into LangChain pipelines.
 * Each Document carries the passage text and everything needed to cite it.
 */
export class PolicybotRetriever extends BaseRetriever {
  static override lc_name(): string {
    return 'PolicybotRetriever';
  }

  lc_namespace = ['policybot', 'retrievers'];
  private readonly retriever: Retriever;
  private readonly k: number;

  constructor(input: PolicybotRetrieverInput) {
    super(input);
    this.retriever = input.retriever;
    this.k = input.k ?? 5;
  }

  override async _getRelevantDocuments(query: string): Promise<Document[]> {
    const answer = await this.retriever.retrieve(query, { k: this.k });
    return answer.results.map(
      (r) =>
        new Document({
          id: r.chunk.id,
          pageContent: r.chunk.text,
          metadata: {
            rank: r.rank,
            score: r.score,
            file: r.chunk.file,
            title: r.chunk.title,
            section: r.chunk.section,
            page: r.chunk.page,
            charStart: r.chunk.charStart,
            charEnd: r.chunk.charEnd,
            identifiers: r.chunk.identifiers.map((id) => id.label),
            otherIdentifiers: r.otherIdentifiers,
            mode: answer.mode,
            notFound: answer.notFound,
          },
        }),
    );
  }
}
