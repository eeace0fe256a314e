/** What the passage thread's queue needs to know of a batch. */
export interface QueuedBatch {
  /** The embedPassages call it belongs to. */
  job: number;
  /** An answer's batch: run before a rebuild's. */
  urgent: boolean;
}

/**
 * Puts a batch in the passage thread's queue: an urgent one (an answer's few passages) after
 * the urgent ones already waiting and before all the others (a rebuild's), any other at the end.
 */
export function enqueueBatch<T extends QueuedBatch>(queue: T[], batch: T): void {
  const at = batch.urgent ? queue.findIndex((waiting) => !waiting.urgent) : -1;
  if (at >= 0) queue.splice(at, 0, batch);
  else queue.push(batch);
}

/** Removes the batches of one call (it failed) that are still waiting. */
export function dropJob<T extends QueuedBatch>(queue: T[], job: number): void {
  for (let i = queue.length - 1; i >= 0; i--) if (queue[i]!.job === job) queue.splice(i, 1);
}
