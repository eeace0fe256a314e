// Timings of one ingest row taken from outside the build: when each phase's progress ended, and
// when the build's embedding calls began and returned (bench/ingest.ts).
import type { Embedder } from '../src/embed/embedder.ts';
import { round } from './scale-targets.ts';

/**
 * Records when `embedder`'s first embedPassages call began (the first slice reaching the model)
 * and when the last one returned its vectors, until `stop()`, which puts the method back.
 */
export function timeEmbedCalls(embedder: Embedder): {
  firstCall: () => number | null;
  lastReturn: () => number | null;
  stop: () => void;
} {
  let firstCall: number | null = null;
  let lastReturn: number | null = null;
  const own = Object.hasOwn(embedder, 'embedPassages');
  const original = embedder.embedPassages;
  embedder.embedPassages = (...args) => {
    firstCall ??= performance.now();
    return original.apply(embedder, args).then((vectors) => {
      lastReturn = performance.now();
      return vectors;
    });
  };
  return {
    firstCall: () => firstCall,
    lastReturn: () => lastReturn,
    stop: () => {
      if (own) embedder.embedPassages = original;
      else delete (embedder as Partial<Embedder>).embedPassages;
    },
  };
}

/**
 * From a build's start (`started`) and end (`ended`, ms): seconds to the first embedding call
 * (`firstSliceSeconds`) and from the last call's vectors to the end (`afterLastVectorsSeconds`:
 * the graph catching up, the vector file, publishing). Empty when nothing was embedded.
 */
export function embedCallSeconds(
  started: number,
  ended: number,
  calls: ReturnType<typeof timeEmbedCalls>,
): Record<string, number> {
  const first = calls.firstCall();
  const last = calls.lastReturn();
  if (first === null || last === null) return {};
  return { firstSliceSeconds: round((first - started) / 1000), afterLastVectorsSeconds: round((ended - last) / 1000) };
}

/** Wall time from the start to the end of each phase's progress (parse: reading and chunking). */
export function phaseSeconds(started: number, ends: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  let from = started;
  for (const phase of ['parse', 'embed', 'write']) {
    const end = ends[phase];
    if (end === undefined) continue;
    out[phase] = round((end - from) / 1000);
    from = end;
  }
  return out;
}
