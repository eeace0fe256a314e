import { describe, expect, it } from 'vitest';
import { WorkQueue } from '../../src/discord/work-queue.ts';

const later = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe('WorkQueue', () => {
  it('holds answer work while an acknowledgement is in flight, then runs it', async () => {
    const queue = new WorkQueue(2, 5000);
    const events: string[] = [];
    const ack = queue.acknowledge(async () => {
      await later(50);
      events.push('ack sent');
    });
    const job = queue.run(async () => void events.push('answer'));
    await Promise.all([ack, job]);
    expect(events).toEqual(['ack sent', 'answer']);
  });

  it('does not let a steady stream of acknowledgements starve answers', async () => {
    // Answers wait at most 30 ms for acknowledgements; this one takes 300 ms.
    const queue = new WorkQueue(1, 30);
    const events: string[] = [];
    const ack = queue.acknowledge(async () => {
      await later(300);
      events.push('ack sent');
    });
    await queue.run(async () => void events.push('answer'));
    await ack;
    expect(events).toEqual(['answer', 'ack sent']);
  });

  it('runs at most `concurrency` jobs at once and all of them in the end', async () => {
    const queue = new WorkQueue(2);
    let active = 0;
    let peak = 0;
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        queue.run(async () => {
          peak = Math.max(peak, ++active);
          await later(10);
          active--;
          return i;
        }),
      ),
    );
    expect(results).toEqual([0, 1, 2, 3, 4, 5]);
    expect(peak).toBe(2);
  });

  it('keeps going after a job fails', async () => {
    const queue = new WorkQueue(1);
    await expect(queue.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(queue.run(async () => 'ok')).resolves.toBe('ok');
  });
});
