import type { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { startModuleWorker } from '../../src/lib/module-worker.ts';
import { foldTextAligned } from '../../src/lib/text.ts';

const reply = (worker: Worker, message: unknown) =>
  new Promise<unknown>((resolve, reject) => {
    worker.once('message', resolve).once('error', reject);
    worker.postMessage(message);
  });

describe('startModuleWorker', () => {
  it('runs a TypeScript module beside the caller in a worker thread, its .ts imports included', async () => {
    const worker = startModuleWorker(import.meta.url, 'echo-worker');
    try {
      expect(await reply(worker, 'Điều 5: Phạm vi')).toBe(foldTextAligned('Điều 5: Phạm vi'));
    } finally {
      await worker.terminate();
    }
  });

  it('reports a module that cannot be loaded as the worker error', async () => {
    const worker = startModuleWorker(import.meta.url, 'no-such-worker');
    const error = await new Promise<Error>((resolve) => worker.once('error', resolve));
    expect(error.message).toMatch(/no-such-worker/);
    await worker.terminate();
  });
});
