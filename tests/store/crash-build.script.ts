// Child process for the crash test: builds an index slowly and says when it is embedding,
// so the test can SIGKILL it mid-build. Not a test file itself.
import { HashEmbedder } from '../../src/embed/hash-embedder.ts';
import { estimateTokens } from '../../src/ingest/estimate-tokens.ts';
import { buildIndex } from '../../src/store/build-index.ts';

const [corpusDir, indexDir] = process.argv.slice(2) as [string, string];
const embedder = new HashEmbedder();
const slow = Object.assign(Object.create(embedder) as HashEmbedder, {
  async embedPassages(texts: string[]) {
    process.stdout.write('embedding\n');
    await new Promise((r) => setTimeout(r, 60_000));
    return embedder.embedPassages(texts);
  },
});
await buildIndex({
  corpusDir,
  indexDir,
  embedder: slow,
  countTokens: estimateTokens,
  tokenizerId: 'estimate',
  maxTokens: 128,
  overlapTokens: 16,
});
