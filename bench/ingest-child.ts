// Child process of the hostile-files benchmark: ingests one corpus (keyword search only, as
// `policybot ingest` does without a model) and prints one JSON line with its wall and CPU time and peak RSS.
import { estimateTokens } from '../src/ingest/estimate-tokens.ts';
import { buildIndex } from '../src/store/build-index.ts';

const [corpusDir, indexDir, maxFileMb] = process.argv.slice(2) as [string, string, string];
const started = performance.now();
const report = await buildIndex({
  corpusDir,
  indexDir,
  embedder: null,
  countTokens: estimateTokens,
  tokenizerId: 'estimate',
  maxTokens: 256,
  overlapTokens: 32,
  ...(maxFileMb ? { maxFileBytes: Number(maxFileMb) * 1024 * 1024 } : {}),
});
const seconds = (performance.now() - started) / 1000;
// CPU time as well as wall time: on a shared machine the wall time mostly measures the others.
const { user, system } = process.cpuUsage();
const cpuSeconds = (user + system) / 1e6;
const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
process.stdout.write(
  `${JSON.stringify({ seconds, cpuSeconds, peakRssMb, chunks: report.chunks, skipped: report.skipped })}\n`,
);
