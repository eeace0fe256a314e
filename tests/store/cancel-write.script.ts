// Child process for the vector file tests: cancels a VectorFileWriter while hnswlib saves the
// file (directly, and as a failed generation write does), then says what happened. Ending the
// worker mid-save aborted the whole process (exit 134), hence a process of its own. Not a test file.
import { mkdtempSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { readCurrentGeneration } from '../../src/store/generations.ts';
import { VectorFileWriter } from '../../src/store/vector-file.ts';
import { writeGeneration } from '../../src/store/write-generation.ts';
import type { Chunk } from '../../src/types.ts';

const [dir] = process.argv.slice(2) as [string];
const dims = 64;
const count = 2000;
const vectors = Array.from({ length: count }, (_, i) =>
  Float32Array.from({ length: dims }, (_, d) => Math.sin(i * 7 + d)),
);
const docs = vectors.map((_, doc) => doc);
const filled = () => {
  const writer = VectorFileWriter.start(dims);
  writer.add(docs, vectors);
  return writer;
};

// 1. write, then cancel at once: the worker is saving when the cancel comes.
const writer = filled();
const write = writer.write(path.join(dir, 'cancelled.hnsw'), count).then(
  () => 'written',
  (error: Error) => `rejected: ${error.message}`,
);
await writer.cancel();
const cancelled = await write;

// 2. A generation whose passages cannot be saved while its vector file is being written.
const text = 'Hospitals keep electronic medical records.';
const chunk = (id: string): Chunk => ({
  id,
  file: 'corpus/a.txt',
  title: 'A',
  section: [],
  text,
  charStart: 0,
  charEnd: text.length,
  page: null,
  identifiers: [],
  tokens: 8,
});
const indexDir = mkdtempSync(path.join(dir, 'index-'));
const manifest = { formatVersion: 2, model: null, chunking: { maxTokens: 128, overlapTokens: 16, tokenizer: 'x' } };
const content = (chunks: Chunk[], vectorFile?: VectorFileWriter) => ({
  chunks,
  manifest: { ...manifest, files: {}, skipped: [] },
  vectorFile,
  vectorsAdded: Promise.resolve(),
});
const previous = await writeGeneration(indexDir, content([chunk('a')]), null);
// A text that is not a string: saveChunks throws once the generation folder exists.
const broken = Array.from({ length: count }, (_, i) => ({ ...chunk(`b${i}`), text: undefined as unknown as string }));
const failed = await writeGeneration(indexDir, content(broken, filled()), previous).then(
  () => 'published',
  (error: Error) => `rejected: ${error.message}`,
);
process.stdout.write(
  JSON.stringify({
    cancelled,
    failed,
    previousServing: (await readCurrentGeneration(indexDir)) === previous,
    folders: readdirSync(indexDir).sort(),
    previous,
  }),
);
