// Child process for the lexical thread test: writes a generation, then aborts the next write as
// soon as its lexical thread exists (seen by name in /proc, Linux) and says what happened. It
// never calls process.exit: the process ends only if the write left no thread running. Not a test file.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { readCurrentGeneration } from '../../src/store/generations.ts';
import { writeGeneration } from '../../src/store/write-generation.ts';
import type { Chunk } from '../../src/types.ts';

const [dir] = process.argv.slice(2) as [string];
const indexDir = path.join(dir, 'aborted');
// About 1.5 MB of passages: the thread has a while to build.
const chunks: Chunk[] = Array.from({ length: 6000 }, (_, i) => {
  const text = `Rule ${i} of the policy keeps electronic records of patient ${i % 97} for ${i % 13} years at hospital ${i % 31}, with copies sent.`;
  const chunk: Chunk = {
    id: `c${i}`,
    file: `corpus/policy-${i % 40}.txt`,
    title: `Policy ${i % 40}`,
    section: [`Chapter ${i % 7}`],
    text,
    charStart: 0,
    charEnd: text.length,
    page: null,
    identifiers: [],
    tokens: 30,
  };
  return chunk;
});
const manifest = {
  formatVersion: 2,
  model: null,
  chunking: { maxTokens: 64, overlapTokens: 0, tokenizer: 'x' },
  files: {},
  skipped: [],
};
const lexicalThread = { minChars: 0 };
const previous = await writeGeneration(indexDir, { chunks: chunks.slice(0, 50), manifest, lexicalThread }, null);

const lexicalThreadRuns = () =>
  readdirSync('/proc/self/task').some((tid) => {
    try {
      return readFileSync(`/proc/self/task/${tid}/comm`, 'utf8').trim() === 'lexical';
    } catch {
      return false;
    }
  });
const abort = new AbortController();
let threadSeen = false;
const watch = setInterval(() => {
  if (lexicalThreadRuns()) {
    threadSeen = true;
    abort.abort();
    clearInterval(watch);
  }
}, 1);
const failed = await writeGeneration(indexDir, { chunks, manifest, lexicalThread }, previous, {
  signal: abort.signal,
}).then(
  () => 'published',
  (error: Error) => `rejected: ${error.name}`,
);
clearInterval(watch);
process.stdout.write(
  JSON.stringify({ threadSeen, failed, previousServing: (await readCurrentGeneration(indexDir)) === previous }),
);
