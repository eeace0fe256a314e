// The forward passes of an ingest (bench/ingest.ts): when they ran and when the model was idle,
// and the same passages' forward passes run again alone.
import type { Embedder } from '../src/embed/embedder.ts';
import type { ForwardPassTiming } from '../src/embed/forward-batch.ts';
import { formatEmbeddingInput } from '../src/ingest/chunk-document.ts';
import { loadIndex } from '../src/store/load-index.ts';
import { round } from './scale-targets.ts';

/** The forward passes' timeline in one ingest (see {@link forwardTimeline}). */
export interface ForwardTimeline {
  passes: number;
  /** Wall time with a forward pass under way (passes that overlap count once), ms. */
  forwardMs: number;
  beforeFirstMs: number;
  afterLastMs: number;
  gapMs: number;
  gapNoBatchMs: number;
  gapBatchQueuedMs: number;
  gapsOverOneMs: number;
  largestGapMs: number;
  largestGapAtMs: number;
}

/**
 * The forward passes' timeline from `started` to `ended` (ms since the epoch; `forwards`: each
 * pass's timing, see ForwardPassTiming): the model idle before the first pass, after the last,
 * and between passes, told apart by when the batch reached the passage thread: `noBatch`,
 * nothing had reached it yet (the main thread had not sent it); `batchQueued`, the batch was
 * there and the thread busy elsewhere (its JavaScript between passes: the last batch handed to
 * pooling, replies, the next batch's inputs; or waiting for the pooling thread). A pass is timed
 * from its call to the model's output, so when the thread calls the model for the next batch
 * before the last one's run (ONNX Runtime runs them one after the other), the two overlap:
 * `forwardMs` counts that time once. It and the idle parts add up to the wall time.
 */
export function forwardTimeline(
  started: number,
  ended: number,
  forwards: readonly ForwardPassTiming[],
): ForwardTimeline | null {
  const passes = [...forwards].sort((a, b) => a.startedAt - b.startedAt);
  const first = passes[0];
  if (!first) return null;
  let end = first.startedAt + first.ms;
  let forwardMs = first.ms;
  const gaps = { gapMs: 0, gapNoBatchMs: 0, gapBatchQueuedMs: 0, gapsOverOneMs: 0, largestGapMs: 0, largestGapAtMs: 0 };
  for (const pass of passes.slice(1)) {
    const gap = pass.startedAt - end;
    const passEnd = pass.startedAt + pass.ms;
    forwardMs += Math.max(0, passEnd - Math.max(end, pass.startedAt));
    if (gap > 0) {
      const noBatch = pass.receivedAt === undefined ? 0 : Math.min(gap, Math.max(0, pass.receivedAt - end));
      gaps.gapMs += gap;
      gaps.gapNoBatchMs += noBatch;
      gaps.gapBatchQueuedMs += gap - noBatch;
      if (gap > 1) gaps.gapsOverOneMs += 1;
      if (gap > gaps.largestGapMs) Object.assign(gaps, { largestGapMs: gap, largestGapAtMs: end - started });
    }
    end = Math.max(end, passEnd);
  }
  return {
    passes: passes.length,
    forwardMs,
    beforeFirstMs: first.startedAt - started,
    afterLastMs: ended - end,
    ...gaps,
  };
}

/** The timeline in seconds, for the bench's row (counts as they are). */
export function timelineSeconds(timeline: ForwardTimeline): Record<string, number> {
  const { passes, gapsOverOneMs, forwardMs: _, ...times } = timeline;
  const seconds = Object.entries(times).map(([key, ms]) => [key.replace(/Ms$/, 'Seconds'), round(ms / 1000)]);
  return { passes, ...Object.fromEntries(seconds), gapsOverOneMs };
}

/** Embeds the index's passages again, their token ids already known: the forward passes alone. */
export async function isolatedForward(
  indexDir: string,
  embedder: Embedder,
  stats: { forwards: ForwardPassTiming[] | null },
): Promise<{ forwardSeconds: number; embedSeconds: number }> {
  const index = await loadIndex(indexDir);
  const texts = index.chunks.map((chunk) => formatEmbeddingInput(chunk));
  index.close?.();
  for (const text of texts) embedder.countTokens(embedder.passagePrefix + text);
  let best = { forwardSeconds: Infinity, embedSeconds: Infinity };
  for (let round = 0; round < 2; round++) {
    const forwards: ForwardPassTiming[] = [];
    stats.forwards = forwards;
    const started = performance.now();
    await embedder.embedPassages(texts).finally(() => {
      stats.forwards = null;
    });
    const ended = performance.now();
    const embedSeconds = (ended - started) / 1000;
    const timeline = forwardTimeline(performance.timeOrigin + started, performance.timeOrigin + ended, forwards);
    const forwardSeconds = (timeline?.forwardMs ?? 0) / 1000;
    if (forwardSeconds < best.forwardSeconds) best = { forwardSeconds, embedSeconds };
  }
  return best;
}
