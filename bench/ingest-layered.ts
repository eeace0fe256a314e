// The ingest bench's compute-realistic row (bench/ingest.ts): the synthetic sample embedded by a
// fixture with all-MiniLM-L6-v2's six encoder layers after the lookup, so the ingest's time
// outside the forward pass is set against a forward pass that costs what a real model's does
// (all-MiniLM-L6-v2's; the default multilingual-e5-small's, twelve layers deep, costs about twice it).
import { copyFileSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Embedder } from '../src/embed/embedder.ts';
import { loadEmbedder } from '../src/embed/load-embedder.ts';
import { buildFixtureModel } from '../tests/fixtures/model/build-fixture-model.ts';
import { MINILM_ENCODER } from '../tests/fixtures/model/fixture-encoder-layers.ts';

/**
 * How much of the sample the row embeds. Six layers cost about 24 MFLOP a token at 256 tokens
 * a passage: 0.1 MB (234 passages) took 10 CPU-s of forward passes here with fp32 weights,
 * about half that with int8, and the row embeds its passages three times (the ingest, then the
 * forward passes alone twice): about 15 CPU-s, under a minute on this loaded 2-core machine.
 */
export const LAYERED_SAMPLE_MB = 0.1;

/**
 * The row's label, corpus and embedder: the first LAYERED_SAMPLE_MB of the sample's files
 * (`sampleDir`), embedded by the fixture built from the whole sample's words (the same
 * vocabulary and word vectors as the bench's "fixture vocabulary from its words" row) with
 * MINILM_ENCODER.layers encoder layers, int8 (model_quantized.onnx, as the default model loads).
 */
export async function layeredSample(
  work: string,
  sampleDir: string,
  passageThread: boolean,
): Promise<[label: string, corpusDir: string, embedder: Embedder]> {
  const corpusDir = path.join(work, 'synthetic-layered', 'corpus');
  mkdirSync(corpusDir, { recursive: true });
  let bytes = 0;
  // The sample's files in the order they were written (report-0.txt, report-1.txt, …).
  const files = readdirSync(sampleDir).sort((a, b) => _number(a) - _number(b));
  for (const file of files) {
    if (bytes >= LAYERED_SAMPLE_MB * 2 ** 20) break;
    copyFileSync(path.join(sampleDir, file), path.join(corpusDir, file));
    bytes += statSync(path.join(sampleDir, file)).size;
  }
  const models = path.join(work, 'models-layered');
  const { layers } = MINILM_ENCODER;
  const { modelId } = await buildFixtureModel(models, { corpusDir: sampleDir, encoderLayers: layers });
  const { embedder } = await loadEmbedder({
    modelId,
    modelsDir: models,
    allowRemote: false,
    passageThread,
  });
  if (!embedder) throw new Error(`the fixture ${modelId} did not load`);
  const label = `synthetic-${LAYERED_SAMPLE_MB}MB, fixture vocabulary from its words + ${layers} encoder layers (int8)`;
  return [label, corpusDir, embedder];
}

function _number(file: string): number {
  return Number(/\d+/.exec(file)?.[0] ?? 0);
}
