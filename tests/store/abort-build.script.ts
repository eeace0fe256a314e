// Child process for the aborted-build test: builds an index, then aborts a rebuild once its
// graph's thread has started (with the first slice embedded) and says what happened. It never
// calls process.exit: the process ends only if the build left no thread running. Not a test file.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { HashEmbedder } from '../../src/embed/hash-embedder.ts';
import { estimateTokens } from '../../src/ingest/estimate-tokens.ts';
import { buildIndex } from '../../src/store/build-index.ts';
import { readCurrentGeneration } from '../../src/store/generations.ts';
import { vectorFileStats } from '../../src/store/vector-file.ts';

const [dir] = process.argv.slice(2) as [string];
const corpus = path.join(dir, 'corpus');
const indexDir = path.join(dir, 'index');
const write = (edition: string) => {
  mkdirSync(corpus, { recursive: true });
  for (let f = 0; f < 6; f++) {
    const paragraphs = Array.from({ length: 40 }, (_, p) => `Rule ${f}.${p} of edition ${edition} keeps records.`);
    writeFileSync(path.join(corpus, `policy-${f}.txt`), `Policy ${f}\n\n${paragraphs.join('\n\n')}\n`);
  }
};
const build = (signal?: AbortSignal, onParsed?: (done: number) => void) =>
  buildIndex({
    corpusDir: corpus,
    indexDir,
    embedder: new HashEmbedder(),
    countTokens: estimateTokens,
    tokenizerId: 'estimate',
    maxTokens: 16,
    overlapTokens: 0,
    ...(signal ? { signal } : {}),
    onProgress: (event) => {
      if (event.phase === 'parse') onParsed?.(event.done);
    },
  });

write('one');
const first = await build();
write('two');
const abort = new AbortController();
// Files of 40 passages: the first file's parse sends the first slice (and starts the graph's thread).
const startedBefore = vectorFileStats().started;
let threadSeen = false;
const onParsed = (done: number) => {
  if (done !== 3) return;
  threadSeen = vectorFileStats().started > startedBefore;
  abort.abort();
};
const failed = await build(abort.signal, onParsed).then(
  () => 'built',
  (error: Error) => `rejected: ${error.name}`,
);
process.stdout.write(
  JSON.stringify({
    threadSeen,
    failed,
    chunks: first.chunks,
    previousServing: (await readCurrentGeneration(indexDir)) === first.generation,
  }),
);
