/**
 * Schedules answer work (retrieval, quotes, rendering: CPU-bound) behind acknowledgements.
 * Discord drops an interaction not acknowledged within 3 seconds, and a burst of questions
 * would otherwise interleave its acknowledgements with the answers of the first ones, so the
 * last would be acknowledged late. Here an answer job waits while any acknowledgement is in
 * flight (at most `maxWaitMs`, so a steady stream cannot starve answers), runs a few at a
 * time, and starts in its own event-loop turn so the gateway is read between jobs.
 */
export class WorkQueue {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private acks = 0;
  private readonly settled: (() => void)[] = [];

  constructor(
    private readonly concurrency = 2,
    private readonly maxWaitMs = 1000,
  ) {}

  /** Runs an acknowledgement (a deferral); answer work waits until none is in flight. */
  async acknowledge<T>(ack: () => Promise<T>): Promise<T> {
    this.acks++;
    try {
      return await ack();
    } finally {
      this.acks--;
      if (this.acks === 0) for (const wake of this.settled.splice(0)) wake();
    }
  }

  /** Runs an answer job in its turn. */
  async run<T>(job: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running++;
    try {
      await this.acknowledgementsSent();
      await new Promise<void>((resolve) => setImmediate(resolve));
      return await job();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }

  private acknowledgementsSent(): Promise<void> {
    if (this.acks === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, this.maxWaitMs);
      this.settled.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}
