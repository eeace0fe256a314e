import { main } from './main.ts';

/**
 * The process around `main`: runs the command, waits until stdout and stderr have handed all
 * their output to the OS (a slow pipe reader gets every line), then exits with main's code.
 * Exiting explicitly matters: the ONNX runtime's thread pool can keep an idle process alive.
 * A reader that goes away (`| head -1`) ends the run quietly with exit 0.
 */
export async function runCli(argv: string[]): Promise<never> {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      // Nobody is left to read: stop without a stack trace, as `yes | head -1` does.
      if (error.code === 'EPIPE') process.exit(0);
      throw error;
    });
  }
  const code = await main(argv);
  await Promise.all([_drained(process.stdout), _drained(process.stderr)]);
  process.exit(code);
}

/** Resolves once everything written to `stream` has been passed to the OS. */
function _drained(stream: NodeJS.WriteStream): Promise<void> {
  // An empty write's callback runs after every earlier write has completed.
  return new Promise((resolve) => {
    if (stream.writableLength === 0) resolve();
    else stream.write('', () => resolve());
  });
}
