// `npm run bench:ingest`: ingest speed with and without the fixture embedding model. Prints one
// JSON object on stdout (the same `ingest` rows as `npm run bench`); progress goes to stderr.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Embedder } from '../src/embed/embedder.ts';
import type { ForwardPassTiming } from '../src/embed/forward-batch.ts';
import { loadEmbedder } from '../src/embed/load-embedder.ts';
import { TYPICAL_ESTIMATE_ID, typicalTokens } from '../src/ingest/estimate-tokens.ts';
import { buildIndex } from '../src/store/build-index.ts';
import { vectorFileThreadsEnded } from '../src/store/vector-file.ts';
import { buildFixtureModel } from '../tests/fixtures/model/build-fixture-model.ts';
import { folderBytes } from './folder-bytes.ts';
import { forwardTimeline, isolatedForward, timelineSeconds } from './forward-passes.ts';
import { layeredSample } from './ingest-layered.ts';
import { embedCallSeconds, phaseSeconds, timeEmbedCalls } from './ingest-timing.ts';
import { round } from './scale-targets.ts';
import { sentence, zipfWords } from './synthetic.ts';
import { threadCpuSeconds, threadTimes } from './thread-cpu.ts';

const log = (line: string) => process.stderr.write(`${line}\n`);

/** ~`megabytes` of structured synthetic .txt documents (headings, paragraphs). */
export function syntheticCorpus(dir: string, megabytes: number): void {
  mkdirSync(dir, { recursive: true });
  const { sample } = zipfWords(30_000, 3);
  let bytes = 0;
  for (let f = 0; bytes < megabytes * 2 ** 20; f++) {
    const parts = [`Synthetic Report ${f}`, ''];
    for (let s = 0; s < 8; s++) {
      parts.push(`Section ${s}`, '', `Provision ${f}.${s} on ${sample()} ${sample()}`);
      for (let p = 0; p < 3; p++) parts.push(Array.from({ length: 5 }, () => sentence(sample, 18)).join(' '), '');
    }
    const text = parts.join('\n');
    writeFileSync(path.join(dir, `report-${f}.txt`), text);
    bytes += Buffer.byteLength(text);
  }
}

/** One ingest row: time and MB/s; with a model, passages/s beside the forward pass alone. */
export async function ingest(
  work: string,
  label: string,
  corpusDir: string,
  embedder: Embedder | null,
): Promise<object> {
  log(`ingest: ${label} (${embedder ? embedder.modelId : 'lexical only'})`);
  const indexDir = path.join(work, `index-${label.replace(/\W+/g, '-')}-${embedder ? 'dense' : 'lexical'}`);
  const counter = embedder ? (t: string) => embedder.countTokens(t) : typicalTokens;
  const stats =
    embedder && 'stats' in embedder
      ? (embedder.stats as {
          forwardMs: number;
          poolMs: number;
          idsReused: number;
          tokens: number;
          positions: number;
          forwards: ForwardPassTiming[] | null;
        })
      : null;
  // Each forward pass's timing, kept for this build only.
  const forwards: ForwardPassTiming[] = [];
  if (stats) stats.forwards = forwards;
  const forwardBefore = stats?.forwardMs ?? 0;
  const poolBefore = stats?.poolMs ?? 0;
  const reusedBefore = stats?.idsReused ?? 0;
  const [tokensBefore, positionsBefore] = [stats?.tokens ?? 0, stats?.positions ?? 0];
  const loadBefore = os.loadavg()[0] ?? 0;
  // How long this thread's event loop was kept waiting (what a bot's /ask would wait during a rebuild).
  const stalls = monitorEventLoopDelay({ resolution: 10 });
  stalls.enable();
  const threadsBefore = threadTimes();
  const cpuBefore = process.cpuUsage();
  const phaseEnds: Record<string, number> = {};
  const calls = embedder ? timeEmbedCalls(embedder) : null;
  const started = performance.now();
  const report = await buildIndex({
    corpusDir,
    indexDir,
    embedder,
    countTokens: counter,
    countWords: embedder?.countWords,
    tokenizerId: embedder?.modelId ?? TYPICAL_ESTIMATE_ID,
    maxTokens: 256,
    overlapTokens: 32,
    onProgress: (event) => {
      phaseEnds[event.phase] = performance.now();
    },
  }).finally(() => {
    calls?.stop();
    if (stats) stats.forwards = null;
  });
  const ended = performance.now();
  // The graph's thread ends after the build returns: its CPU is read once it has (see thread-cpu.ts).
  await vectorFileThreadsEnded();
  const cpu = process.cpuUsage(cpuBefore);
  const threadsAfter = threadTimes();
  stalls.disable();
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const timeline = forwardTimeline(performance.timeOrigin + started, performance.timeOrigin + ended, forwards);
  const mb = folderBytes(corpusDir, undefined, true) / 2 ** 20;
  const result = {
    corpus: label,
    model: report.model ?? 'none (lexical only)',
    megabytes: round(mb),
    files: report.files,
    chunks: report.chunks,
    seconds: round(report.seconds),
    cpuSeconds: round(cpuSeconds),
    // By thread (Linux), with a model: where the embedding path's CPU goes (see thread-cpu.ts).
    ...(embedder && threadsBefore && threadsAfter
      ? { threadCpuSeconds: threadCpuSeconds(threadsBefore, threadsAfter) }
      : {}),
    megabytesPerSecond: round(mb / report.seconds),
    phaseSeconds: phaseSeconds(started, phaseEnds),
    // With a model: from the start to the first slice sent, from the last vectors to the end.
    ...(calls ? embedCallSeconds(started, ended, calls) : {}),
    // With a model: when the model was idle (see forwardTimeline).
    ...(timeline ? { forwardTimeline: timelineSeconds(timeline) } : {}),
    loadAverage: { before: round(loadBefore, 2), after: round(os.loadavg()[0] ?? 0, 2) },
    eventLoopDelayMs: { p99: round(stalls.percentile(99) / 1e6, 1), max: round(stalls.max / 1e6, 1) },
  };
  if (!stats || !embedder) return result;
  // The model's forward passes alone (ONNX Runtime's runs), timed inside the embedder (overlaps once), against the
  // ingest. On the passage thread a run includes mean pooling (a MatMul added to the model, as
  // sentence-transformers' Pooling module is part of the model; see passage-model.ts).
  const forwardSeconds = (timeline?.forwardMs ?? stats.forwardMs - forwardBefore) / 1000;
  const poolSeconds = (stats.poolMs - poolBefore) / 1000;
  const reused = stats.idsReused - reusedBefore;
  const positions = stats.positions - positionsBefore;
  const tokens = stats.tokens - tokensBefore;
  const isolated = await isolatedForward(indexDir, embedder, stats);
  return {
    ...result,
    passagesPerSecond: round(report.chunks / report.seconds, 1),
    forwardPassOnlyPassagesPerSecond: round(report.embedded / forwardSeconds, 1),
    forwardPassSeconds: round(forwardSeconds),
    // Pooling outside the forward pass: on the passage thread the vectors' normalisation only; on
    // the main thread the pooling thread's, overlapping the forward passes.
    poolingThreadSeconds: round(poolSeconds),
    outsideForwardPassShare: round(1 - forwardSeconds / report.seconds),
    // Passages embedded from the token ids chunk sizing counted them with (not tokenized again).
    tokenIdsReusedShare: round(reused / Math.max(1, report.embedded)),
    // Of the positions the forward passes ran over, those that were padding (see cutSorted).
    paddingShare: round(1 - tokens / Math.max(1, positions)),
    // The same passages embedded again, already tokenized, with nothing else running (best of two):
    // the forward passes' own time and the whole call's, and the ingest's wall time against the former.
    isolatedForwardSeconds: round(isolated.forwardSeconds),
    isolatedEmbedSeconds: round(isolated.embedSeconds),
    ingestOverIsolatedForward: round(report.seconds / isolated.forwardSeconds, 2),
  };
}

/**
 * The bench's ingest rows: the project corpus and synthetic text, lexical only and with the
 * fixture model. The fixture's vocabulary comes from the project corpus, so it spells the
 * synthetic pseudo-words out letter by letter (about ten tokens a word); the last row embeds
 * the same sample with a fixture built from the sample's own words (its ~800 most frequent
 * pseudo-words whole: three quarters of the running words), nearer a real vocabulary's tokens
 * per word; the third embeds its first 0.1 MB with that fixture plus six encoder layers
 * (bench/ingest-layered.ts). `only` = 'sample' runs just the sample rows.
 */
export async function measureIngest(work: string, only?: string): Promise<object[]> {
  const root = path.resolve(import.meta.dirname, '..');
  const models = path.join(work, 'models');
  const { modelId } = await buildFixtureModel(models);
  // BENCH_PASSAGE_THREAD=off embeds on the main thread (the A/B comparison).
  const passageThread = process.env.BENCH_PASSAGE_THREAD !== 'off';
  const { embedder } = await loadEmbedder({ modelId, modelsDir: models, allowRemote: false, passageThread });
  // Embedding runs on a 0.5 MB sample: spelt out letter by letter, the full 5 MB would take
  // minutes without telling anything new.
  const sample = path.join(work, 'synthetic-sample', 'corpus');
  syntheticCorpus(sample, 0.5);
  const ownModels = path.join(work, 'models-own-words');
  await buildFixtureModel(ownModels, { corpusDir: sample });
  const own = await loadEmbedder({ modelId, modelsDir: ownModels, allowRemote: false, passageThread });
  const sampleRows = async () => [
    await ingest(work, 'synthetic-0.5MB', sample, embedder),
    await ingest(work, 'synthetic-0.5MB, fixture vocabulary from its words', sample, own.embedder),
    await ingest(work, ...(await layeredSample(work, sample, passageThread))),
  ];
  if (only === 'sample') return sampleRows();
  const synthetic = path.join(work, 'synthetic', 'corpus');
  syntheticCorpus(synthetic, 5);
  return [
    await ingest(work, 'corpus', path.join(root, 'corpus'), null),
    await ingest(work, 'corpus', path.join(root, 'corpus'), embedder),
    await ingest(work, 'synthetic-5MB', synthetic, null),
    ...(await sampleRows()),
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const work = mkdtempSync(path.join(tmpdir(), 'policybot-bench-ingest-'));
  try {
    const rows = await measureIngest(work, process.argv[2]);
    process.stdout.write(`${JSON.stringify({ cpus: os.cpus().length, ingest: rows }, null, 2)}\n`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
