// A worker module for module-worker.test.ts: TypeScript with a relative .ts import, as the
// project's own workers are. Replies to each message with its text folded.
import { parentPort } from 'node:worker_threads';
import { foldTextAligned } from '../../src/lib/text.ts';

parentPort?.on('message', (text: string) => parentPort?.postMessage(foldTextAligned(text)));
