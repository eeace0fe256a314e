import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { WorkerRequests } from '../../src/lib/worker-requests.ts';

/** A worker that answers each request with its number doubled, and stops on 'exit'. */
function doubler(): Worker {
  return new Worker(
    `const { parentPort } = require('node:worker_threads');
     parentPort.on('message', (m) => m === 'exit' ? process.exit(3) : parentPort.postMessage({ id: m.id, value: m.n * 2 }));`,
    { eval: true },
  );
}

describe('WorkerRequests', () => {
  it('settles each request by id, rejects a group together, and every request once the worker stops', async () => {
    const worker = doubler();
    const requests = new WorkerRequests<number>(worker, 'doubling');
    worker.on('message', ({ id, value }: { id: number; value: number }) => requests.resolve(id, value));
    const ask = (n: number, group?: number) => {
      const { id, reply } = requests.open(group);
      worker.postMessage({ id, n });
      return reply;
    };
    expect(await Promise.all([ask(1), ask(2), ask(3)])).toEqual([2, 4, 6]);
    const [a, b, c] = [requests.open(7), requests.open(7), requests.open(8)];
    requests.rejectGroup(7, new Error('Dropped.'));
    await expect(a.reply).rejects.toThrow('Dropped.');
    await expect(b.reply).rejects.toThrow('Dropped.');
    worker.postMessage('exit');
    await expect(c.reply).rejects.toThrow('The doubling thread stopped (exit code 3).');
    expect(requests.stopped).toBe(true);
    const late = requests.open();
    expect(late.id).toBe(-1);
    await expect(late.reply).rejects.toThrow('The doubling thread stopped (exit code 3).');
  });
});
