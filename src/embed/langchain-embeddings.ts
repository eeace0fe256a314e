import { Embeddings, type EmbeddingsParams } from '@langchain/core/embeddings';
import type { Embedder } from './embedder.ts';

/**
 * The project's embedder as a LangChain `Embeddings`: documents get the passage encoding,
 * queries the query encoding (they differ for e5/bge-style models).
 */
export class PolicybotEmbeddings extends Embeddings {
  constructor(
    private readonly embedder: Embedder,
    params: EmbeddingsParams = {},
  ) {
    super(params);
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    return (await this.embedder.embedPassages(texts)).map((v) => Array.from(v));
  }

  async embedQuery(text: string): Promise<number[]> {
    return Array.from(await this.embedder.embedQuery(text));
  }
}
