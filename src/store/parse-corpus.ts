import { describeError } from '../errors.ts';
import { listCorpusFiles } from '../ingest/list-corpus-files.ts';
import { type FileChunking, type FileResult, indexFile } from './corpus-file.ts';
import type { LoadedIndex } from './types.ts';

/** What the build's first step found: each file's chunks (or vectors carried over) and the files skipped, with why. */
export interface ParsedCorpus {
  results: FileResult[];
  skipped: { file: string; reason: string }[];
}

/**
 * The build's first step: lists the corpus folder and turns each file into chunks, in order
 * (see indexFile), handing each file's result to `onFile` as soon as it is there (the
 * embedding starts on it while the next files are parsed; the next file waits for the promise
 * `onFile` returns). A file that cannot be read or
 * parsed is skipped with its reason. Progress after each file; an abort stops between files.
 */
export async function parseCorpus(
  options: {
    corpusDir: string;
    maxFileBytes?: number;
    followSymlinks?: boolean;
    signal?: AbortSignal;
    onProgress?: (event: { phase: 'parse'; done: number; total: number }) => void;
  },
  chunking: FileChunking,
  previous: { index: LoadedIndex | null; reusable: boolean },
  onFile: (result: FileResult) => Promise<void> | undefined,
): Promise<ParsedCorpus> {
  const listing = await listCorpusFiles(options.corpusDir, {
    ...(options.maxFileBytes !== undefined ? { maxFileBytes: options.maxFileBytes } : {}),
    followSymlinks: options.followSymlinks ?? false,
  });
  const skipped = [...listing.skipped];
  const results: FileResult[] = [];
  for (const [i, entry] of listing.files.entries()) {
    options.signal?.throwIfAborted();
    const result = await indexFile(entry, chunking, previous.index, previous.reusable).catch((error: unknown) => {
      skipped.push({ file: entry.file, reason: describeError(error).replace(`${entry.file}: `, '') });
      return null;
    });
    if (result) {
      results.push(result);
      await onFile(result);
    }
    options.onProgress?.({ phase: 'parse', done: i + 1, total: listing.files.length });
  }
  return { results, skipped };
}
