import { describe, expect, it } from 'vitest';
import { dropJob, enqueueBatch } from '../../src/embed/passage-queue.ts';

const batch = (name: string, job: number, urgent = false) => ({ name, job, urgent });

describe('the passage thread queue', () => {
  it('runs an answer’s batches before a rebuild’s, in order among themselves', () => {
    const queue: ReturnType<typeof batch>[] = [];
    for (const b of [batch('r1', 0), batch('r2', 0), batch('r3', 0)]) enqueueBatch(queue, b);
    enqueueBatch(queue, batch('a1', 1, true));
    enqueueBatch(queue, batch('a2', 2, true));
    enqueueBatch(queue, batch('r4', 0));
    expect(queue.map((b) => b.name)).toEqual(['a1', 'a2', 'r1', 'r2', 'r3', 'r4']);
    const onlyUrgent = [batch('a1', 1, true)];
    enqueueBatch(onlyUrgent, batch('a2', 2, true));
    expect(onlyUrgent.map((b) => b.name)).toEqual(['a1', 'a2']);
  });

  it('drops the waiting batches of one call only', () => {
    const queue = [batch('r1', 0), batch('a1', 1, true), batch('r2', 0), batch('s1', 3)];
    dropJob(queue, 0);
    expect(queue.map((b) => b.name)).toEqual(['a1', 's1']);
  });
});
