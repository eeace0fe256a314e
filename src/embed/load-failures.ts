import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Where failed model loads are remembered, beside the models they concern. */
export const FAILURES_FILE = '.policybot-load-failures.json';
/** How long a failed download is believed: long enough to spare an offline machine, short enough to notice a network. */
export const RETRY_DOWNLOAD_AFTER_MS = 60 * 60 * 1000;

/** One remembered failure: when, the warning it gave, and the state of the model's files then. */
interface Failure {
  at: number;
  warning: string;
  files: string;
}

/** What identifies a model load: the model, where its files are, and which files it needs. */
export interface ModelFiles {
  modelId: string;
  modelsDir: string;
  /** Paths of the files the load reads, relative to the model's folder. */
  required: readonly string[];
}

/**
 * The warning of an earlier failed load of this model that still holds, or null. It holds
 * while the model's files are exactly as they were then (same sizes and times, or still
 * missing) and, when they were missing (a download failed), for {@link RETRY_DOWNLOAD_AFTER_MS}.
 * Files that are present but failed to load fail again until they change. So a command that
 * only wants the model if it is at hand (`ask`) does not pay for transformers.js and a hub
 * round trip on every run of an offline machine. Never throws.
 */
export function recallFailure(model: ModelFiles, now = Date.now()): string | null {
  const failure = _read(model.modelsDir)[model.modelId];
  if (!failure || failure.files !== _fingerprint(model)) return null;
  // A missing file is what a download could bring; files all present and failing only change by hand.
  const downloadFailed = failure.files.includes('=missing');
  if (downloadFailed && now - failure.at > RETRY_DOWNLOAD_AFTER_MS) return null;
  return failure.warning;
}

/** Records that loading this model failed with `warning` (or, with null, that it loaded). Never throws. */
export function rememberOutcome(model: ModelFiles, warning: string | null, now = Date.now()): void {
  const all = _read(model.modelsDir);
  if (warning === null && !all[model.modelId]) return;
  if (warning === null) delete all[model.modelId];
  else all[model.modelId] = { at: now, warning, files: _fingerprint(model) };
  try {
    writeFileSync(path.join(model.modelsDir, FAILURES_FILE), `${JSON.stringify(all, null, 2)}\n`);
  } catch {
    // A read-only or missing models folder: nothing is remembered, and the next run tries again.
  }
}

/** Size and modification time of each required file, or "missing": what a retry could find changed. */
function _fingerprint(model: ModelFiles): string {
  const dir = path.join(model.modelsDir, ...model.modelId.split('/'));
  return model.required
    .map((file) => {
      try {
        const stat = statSync(path.join(dir, file));
        return `${file}=${stat.size}:${Math.round(stat.mtimeMs)}`;
      } catch {
        return `${file}=missing`;
      }
    })
    .join(',');
}

function _read(modelsDir: string): Record<string, Failure> {
  try {
    const data = JSON.parse(readFileSync(path.join(modelsDir, FAILURES_FILE), 'utf8')) as unknown;
    return data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, Failure>) : {};
  } catch {
    return {};
  }
}
