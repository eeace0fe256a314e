import type { Embedder } from '../embed/embedder.ts';
import { describeError } from '../errors.ts';
import { Retriever, type RetrieverSettings } from '../retrieve/retriever.ts';
import { loadIndex, readCurrentGeneration } from '../store/load-index.ts';
import type { Logger } from './log.ts';

/** How long a replaced index stays open for requests that started on it. */
export const RETIRED_INDEX_GRACE_MS = 60_000;

/**
 * Holds the live Retriever and swaps it when `ingest` publishes a new index generation.
 * A request takes `current` once and keeps it, so a swap never changes an answer mid-way;
 * a new index that fails to load is logged and the old one keeps serving.
 */
/** A published generation the bot could not load (it kept serving the one before). */
export interface ReloadFailure {
  generation: string;
  at: Date;
  reason: string;
}

export class IndexHolder {
  private timer: NodeJS.Timeout | null = null;
  private generation: string | null = null;
  /** The last published generation that failed to load, until a newer one loads. */
  lastReloadFailure: ReloadFailure | null = null;

  private constructor(
    public current: Retriever,
    private readonly indexDir: string,
    private readonly embedder: Embedder | null,
    private readonly settings: RetrieverSettings,
    private readonly log: Logger,
  ) {}

  static async open(
    indexDir: string,
    embedder: Embedder | null,
    settings: RetrieverSettings,
    log: Logger,
  ): Promise<IndexHolder> {
    const generation = await readCurrentGeneration(indexDir);
    const index = await loadIndex(indexDir);
    const holder = new IndexHolder(new Retriever(index, embedder, settings), indexDir, embedder, settings, log);
    holder.generation = generation;
    log.info('index_loaded', { generation, chunks: index.chunks.length, mode: holder.current.mode });
    return holder;
  }

  /** Checks for a new generation every `intervalMs`. */
  watch(intervalMs: number): void {
    this.timer = setInterval(() => void this.reloadIfChanged(), intervalMs);
    this.timer.unref();
  }

  /** Loads the live generation if it changed; returns whether a new index now serves. */
  async reloadIfChanged(): Promise<boolean> {
    const generation = await readCurrentGeneration(this.indexDir);
    if (!generation || generation === this.generation) return false;
    try {
      const index = await loadIndex(this.indexDir);
      const retired = this.current.index;
      this.current = new Retriever(index, this.embedder, this.settings);
      // Requests that took the old index finish with it; its files close once they surely have.
      setTimeout(() => retired.close?.(), RETIRED_INDEX_GRACE_MS).unref();
      this.generation = generation;
      this.lastReloadFailure = null;
      this.log.info('index_reloaded', { generation, chunks: index.chunks.length });
      return true;
    } catch (error) {
      const reason = describeError(error);
      this.log.error('index_reload_failed', { generation, reason });
      this.lastReloadFailure = { generation, at: new Date(), reason };
      this.generation = generation;
      return false;
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
