import type { BuildReport } from '../store/build-index.ts';
import { type IngestLock, withIngestLock } from '../store/ingest-lock.ts';
import type { Exclusive } from './source-settings.ts';

/**
 * The one-writer gate for source changes: each runs holding the ingest lock of `indexDir`
 * (shared with `policybot ingest` in other processes), and its rebuild runs under that lock.
 */
export function createExclusive(indexDir: string, build: (lock: IngestLock) => Promise<BuildReport>): Exclusive {
  return (work) => withIngestLock(indexDir, { wait: true }, (lock) => work(() => build(lock)));
}
