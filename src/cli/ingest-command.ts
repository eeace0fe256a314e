import { loadConfig } from '../config.ts';
import { escapeFileName } from '../lib/terminal-text.ts';
import type { BuildReport } from '../store/build-index.ts';
import { type CliIo, writeOut } from './cli-io.ts';
import type { IngestArgs } from './commands.ts';
import { openModel, passageThreadError, runBuild } from './services.ts';

/**
 * `policybot ingest`: builds or updates the index and prints what changed. One ingest writes an
 * index folder at a time: a second one waits for the first (and says so), or with --no-wait
 * exits 2 naming the running one.
 */
export async function runIngest({ values }: IngestArgs, io: CliIo): Promise<number> {
  const config = loadConfig(io.env);
  const settings = {
    ...config,
    corpusDir: values.corpus ?? config.corpusDir,
    indexDir: values.index ?? config.indexDir,
  };
  // Passages are embedded on a thread of their own while this one parses and writes.
  const model = await openModel(settings, { passageThread: true });
  if (model.warning) io.stderr.write(`Warning: ${model.warning}\n`);
  const threadError = passageThreadError(model.embedder);
  if (threadError) io.stderr.write(`Note: passages are embedded on the main thread (${threadError}).\n`);
  const onWait = (line: string) => io.stderr.write(`${line}\n`);
  const report = await runBuild(settings, model.embedder, { wait: !values['no-wait'], onWait });
  await writeOut(io.stdout, formatReport(report));
  return 0;
}

/** The ingest summary: counts, what changed, what was skipped and why (file names escaped). */
export function formatReport(r: BuildReport): string {
  const lines = r.upToDate
    ? [
        ...r.notices,
        `Nothing changed: index is up to date (${r.files} files, ${r.chunks} passages; checked in ${r.seconds.toFixed(1)} s).`,
      ]
    : [
        ...r.notices,
        `Indexed ${r.files} files into ${r.chunks} passages in ${r.seconds.toFixed(1)} s (${r.model ? `model ${r.model}` : 'keyword search only'}).`,
        `  added ${r.added.length}, changed ${r.changed.length}, removed ${r.removed.length}, unchanged ${r.unchanged.length}, skipped ${r.skipped.length}`,
        `  embedded ${r.embedded} passages, reused ${r.reusedVectors} vectors`,
      ];
  for (const [label, files] of [
    ['added', r.added],
    ['changed', r.changed],
    ['removed', r.removed],
  ] as const) {
    for (const file of files) lines.push(`  ${label}: ${escapeFileName(file)}`);
  }
  for (const s of r.skipped) lines.push(`  skipped: ${escapeFileName(s.file)} — ${escapeFileName(s.reason)}`);
  if (r.cleanedUp.length > 0)
    lines.push(`  removed ${r.cleanedUp.length} unfinished generation(s) left by interrupted runs`);
  lines.push(`  index: ${escapeFileName(r.indexDir)} (${r.generation})`);
  return `${lines.join('\n')}\n`;
}
