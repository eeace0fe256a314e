// The pooling thread's module (see pooling-thread.ts): pools each batch it is sent with
// meanPoolNormalized and sends the vectors back, buffers moved both ways.
import { parentPort } from 'node:worker_threads';
import { nameThread } from '../lib/thread-name.ts';
import { meanPoolNormalized } from './mean-pool.ts';
import type { PoolRequest } from './pooling-thread.ts';

nameThread('pooling');
const port = parentPort;
if (!port) throw new Error('pooling-worker.ts runs only as a worker thread (see pooling-thread.ts).');
port.on('message', ({ id, hidden, dims, mask }: PoolRequest) => {
  const started = performance.now();
  const vectors = meanPoolNormalized(hidden, dims, mask);
  const ms = performance.now() - started;
  port.postMessage(
    { id, vectors, ms },
    vectors.map((v) => v.buffer as ArrayBuffer),
  );
});
port.postMessage('ready');
