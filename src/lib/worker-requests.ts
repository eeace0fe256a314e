import type { Worker } from 'node:worker_threads';

interface Waiting<T> {
  /** The requests' group (a passage thread's job), to reject them together; -1: none. */
  group: number;
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
}

/**
 * The requests a worker thread has not answered yet, by id. The worker holds the process open
 * only while some are waiting; once it stops (an error, its exit, a close), they all reject
 * with the reason, and so does every later one, at once.
 */
export class WorkerRequests<T> {
  private readonly waiting = new Map<number, Waiting<T>>();
  private nextId = 0;
  /** Why the worker stopped, once it has. */
  private failure: unknown = null;

  /** `name` says which thread stopped: "The <name> thread stopped (exit code …)". */
  constructor(
    private readonly worker: Worker,
    name: string,
  ) {
    worker.unref();
    worker.on('error', (error) => this.failAll(error));
    worker.on('exit', (code) => this.failAll(new Error(`The ${name} thread stopped (exit code ${code}).`)));
  }

  /** True once the worker has stopped. */
  get stopped(): boolean {
    return this.failure !== null;
  }

  /**
   * A new request: its id, for the message the caller then sends, and its reply. When the
   * worker has stopped, id −1 (nothing to send) and the reply rejected with the reason.
   */
  open(group = -1): { id: number; reply: Promise<T> } {
    if (this.failure !== null) return { id: -1, reply: Promise.reject(this.failure) };
    const id = this.nextId++;
    const reply = new Promise<T>((resolve, reject) => this.waiting.set(id, { group, resolve, reject }));
    if (this.waiting.size === 1) this.worker.ref();
    return { id, reply };
  }

  resolve(id: number, value: T): void {
    const request = this.waiting.get(id);
    this._settled(id);
    request?.resolve(value);
  }

  reject(id: number, error: unknown): void {
    const request = this.waiting.get(id);
    this._settled(id);
    request?.reject(error);
  }

  /** Rejects the group's requests still waiting. */
  rejectGroup(group: number, error: unknown): void {
    for (const [id, request] of this.waiting) if (request.group === group) this.reject(id, error);
  }

  /** The worker stopped (or is being closed): every waiting request rejects, and every later one. */
  failAll(error: unknown): void {
    this.failure ??= error;
    for (const id of [...this.waiting.keys()]) this.reject(id, error);
  }

  private _settled(id: number): void {
    this.waiting.delete(id);
    if (this.waiting.size === 0) this.worker.unref();
  }
}
