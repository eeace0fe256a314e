import cliProgress from 'cli-progress';

/** How far a long step is: `phase` names it, `done` of `total` units. */
export interface ProgressEvent {
  phase: string;
  done: number;
  total: number;
}

/** What each phase counts, for the bar's label. */
const UNITS: Readonly<Record<string, string>> = {
  parse: 'files',
  embed: 'passages',
  write: 'files',
  chunk: 'documents',
  lexical: 'steps',
  query: 'queries',
};

/** A progress bar: one per phase, redrawn in place. */
export interface Progress {
  update: (event: ProgressEvent) => void;
  onDownload: (info: { file: string; loaded: number; total: number; status: string }) => void;
  stop: () => void;
}

/**
 * The one progress bar of the CLI (index builds, evaluation, model downloads), on stderr.
 * On a non-terminal stream (CI, pipes, files) it prints nothing, so logs stay readable.
 * Call `stop()` when done.
 */
export function createProgress(stream: NodeJS.WritableStream = process.stderr): Progress {
  const enabled = Boolean((stream as NodeJS.WriteStream).isTTY);
  let bar: cliProgress.SingleBar | null = null;
  let label = '';
  const show = (name: string, value: number, total: number, unit: string) => {
    if (!enabled) return;
    if (!bar || label !== name) {
      bar?.stop();
      label = name;
      const format = `${name.padEnd(18)} [{bar}] {percentage}% {value}/{total} ${unit}`;
      bar = new cliProgress.SingleBar({ stream, format, hideCursor: true }, cliProgress.Presets.shades_classic);
      bar.start(total, value);
    }
    bar.setTotal(total);
    bar.update(value);
  };
  return {
    update: (e) => show(e.phase, e.done, e.total, UNITS[e.phase] ?? ''),
    onDownload: (info) => {
      if (info.status === 'progress' && info.total > 0) {
        const file = info.file.split('/').pop() ?? '';
        show(`download ${file}`, Math.round(info.loaded / 1024), Math.round(info.total / 1024), 'KiB');
      }
    },
    stop: () => {
      bar?.stop();
      bar = null;
    },
  };
}
