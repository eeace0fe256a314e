// Child process for the lexical thread test: writes a generation, then aborts the next write as
// soon as its lexical thread exists (seen by name in /proc, Linux); then the same for a build
// whose thread starts while it parses, and says what happened. It never calls process.exit: the
// process ends only if the write left no thread running. Not a test file.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { estimateTokens } from '../../src/ingest/estimate-tokens.ts';
import { buildIndex } from '../../src/store/build-index.ts';
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
/** Aborts once a lexical thread runs; `seen()` says whether one did. */
const abortOnThread = () => {
  const abort = new AbortController();
  let seen = false;
  const watch = setInterval(() => {
    if (lexicalThreadRuns()) {
      seen = true;
      abort.abort();
      clearInterval(watch);
    }
  }, 1);
  return { signal: abort.signal, seen: () => seen, stop: () => clearInterval(watch) };
};
const outcome = (run: Promise<unknown>) =>
  run.then(
    () => 'published',
    (error: Error) => `rejected: ${error.name}`,
  );

const write = abortOnThread();
const failed = await outcome(
  writeGeneration(indexDir, { chunks, manifest, lexicalThread }, previous, { signal: write.signal }),
);
write.stop();
const previousServing = (await readCurrentGeneration(indexDir)) === previous;

// A build of 60 files, all changed: its thread starts with the first file parsed (and is still
// loading, or idle) when the abort comes, three files later, while parsing.
const corpusDir = path.join(dir, 'abort-corpus');
const writeCorpus = (edition: string) => {
  mkdirSync(corpusDir, { recursive: true });
  for (let f = 0; f < 60; f++) {
    const paragraphs = Array.from({ length: 40 }, (_, p) => `Rule ${f}.${p} of edition ${edition} keeps records.`);
    writeFileSync(path.join(corpusDir, `policy-${f}.txt`), `Policy ${f}\n\n${paragraphs.join('\n\n')}\n`);
  }
};
const buildDir = path.join(dir, 'aborted-build');
const build = (signal?: AbortSignal, onParsed?: (done: number) => void) =>
  buildIndex({
    corpusDir,
    indexDir: buildDir,
    embedder: null,
    countTokens: estimateTokens,
    tokenizerId: 'estimate',
    maxTokens: 16,
    overlapTokens: 0,
    lexicalThread,
    ...(signal ? { signal } : {}),
    onProgress: (event) => {
      if (event.phase === 'parse') onParsed?.(event.done);
    },
  });
writeCorpus('one');
const first = await build();
writeCorpus('two');
const parse = new AbortController();
const parseFailed = await outcome(build(parse.signal, (done) => done === 3 && parse.abort()));
process.stdout.write(
  JSON.stringify({
    threadSeen: write.seen(),
    failed,
    previousServing,
    parseFailed,
    parsePreviousServing: (await readCurrentGeneration(buildDir)) === first.generation,
  }),
);
