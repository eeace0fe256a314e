import cliProgress from 'cli-progress';

export interface BuildProgressEvent {
  phase: string;
  done: number;
  total: number;
}

/**
 * A progress bar on stderr for index builds and model downloads. On a non-terminal stderr
 * (CI, pipes) it prints nothing, so logs stay readable. Call `stop()` when done.
 */
export function createProgress(stream: NodeJS.WriteStream = process.stderr): {
  onBuild: (event: BuildProgressEvent) => void;
  onDownload: (info: { file: string; loaded: number; total: number; status: string }) => void;
  stop: () => void;
} {
  const enabled = Boolean(stream.isTTY);
  let bar: cliProgress.SingleBar | null = null;
  let label = '';
  const show = (name: string, value: number, total: number, unit: string) => {
    if (!enabled) return;
    if (!bar || label !== name) {
      bar?.stop();
      label = name;
      bar = new cliProgress.SingleBar(
        { stream, format: `${name.padEnd(18)} [{bar}] {percentage}% {value}/{total} ${unit}`, hideCursor: true, clearOnComplete: false },
        cliProgress.Presets.shades_classic,
      );
      bar.start(total, value);
    }
    bar.setTotal(total);
    bar.update(value);
  };
  return {
    onBuild: (e) => show(e.phase, e.done, e.total, e.phase === 'embed' ? 'chunks' : 'files'),
    onDownload: (info) => {
      if (info.status === 'progress' && info.total > 0) {
        show(`download ${info.file.split('/').pop() ?? ''}`, Math.round(info.loaded / 1024), Math.round(info.total / 1024), 'KiB');
      }
    },
    stop: () => {
      bar?.stop();
      bar = null;
    },
  };
}
