import { Client, Events, GatewayIntentBits, Partials } from 'discord.js';
import type { Embedder } from '../embed/embedder.ts';
import type { RetrieverSettings } from '../retrieve/retriever.ts';
import { type CorpusWatch, watchCorpus } from '../sources/corpus-watcher.ts';
import type { Exclusive, SourceService, SourceSettings } from '../sources/source-settings.ts';
import { Cooldown } from './access.ts';
import type { BotContext } from './bot-context.ts';
import type { DiscordConfig } from './discord-config.ts';
import { IndexHolder } from './index-holder.ts';
import { routeInteraction, routeMention } from './interaction-router.ts';
import { EMBEDS_PER_MESSAGE_MAX } from './limits.ts';
import type { Logger } from './log.ts';
import { OnceNotice } from './once-notice.ts';
import { SessionStore } from './sessions.ts';
import { WorkQueue } from './work-queue.ts';

export interface BotOptions {
  config: DiscordConfig;
  indexDir: string;
  embedder: Embedder | null;
  /** Shown with lexical answers (e.g. that semantic search is off). */
  warnings: string[];
  /** Optional cross-encoder reranking. */
  reranker?: RetrieverSettings['reranker'];
  log: Logger;
  /** Passages per answer page when the asker gives no number (RESULTS; capped at 10 embeds). */
  results?: number;
  /** REST timeout and retries; tests shorten them. */
  rest?: { timeout?: number; retries?: number };
  /** Where sources live and the one-writer gate: enables /add-source, /remove-source and the corpus watcher. */
  sources?: { settings: SourceSettings; exclusive: Exclusive };
}

/** A running bot: `stop()` waits for replies in flight, then logs out. */
export interface BotHandle {
  client: Client;
  context: BotContext;
  stop(): Promise<void>;
}

/**
 * The composition root: loads the index, builds the services, connects the real discord.js
 * client and routes events. Every message disables mentions at the client level too.
 */
export async function startBot(options: BotOptions): Promise<BotHandle> {
  const { config, log } = options;
  const holder = await IndexHolder.open(
    options.indexDir,
    options.embedder,
    { warnings: options.warnings, ...(options.reranker ? { reranker: options.reranker } : {}) },
    log,
  );
  holder.watch(config.indexPollMs);
  const results = Math.min(Math.max(1, options.results ?? 5), EMBEDS_PER_MESSAGE_MAX);
  const sources = options.sources
    ? { ...options.sources, afterChange: async () => void (await holder.reloadIfChanged()) }
    : null;
  const watch = sources && config.watchCorpus ? await startWatch(sources, config.watchDebounceMs, log) : null;
  const context: BotContext = {
    config,
    holder,
    sessions: new SessionStore(),
    cooldown: new Cooldown(config.cooldownSeconds),
    log,
    results,
    notice: new OnceNotice(),
    work: new WorkQueue(),
    sources,
    watchStatus: () => watch?.status() ?? null,
  };
  const client = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent],
    partials: [Partials.Channel],
    allowedMentions: { parse: [], repliedUser: false },
    rest: { ...(config.apiUrl ? { api: config.apiUrl } : {}), ...options.rest },
  });
  const inFlight = new Set<Promise<void>>();
  const track = (work: Promise<void>) => {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  };
  let stopping = false;
  client.on(Events.InteractionCreate, (interaction) => {
    if (stopping) return;
    track(
      routeInteraction(context, interaction).catch((error: unknown) =>
        log.error('interaction_unhandled', { err: error }),
      ),
    );
  });
  client.on(Events.MessageCreate, (message) => {
    if (stopping || !client.user) return;
    track(
      routeMention(context, message, client.user.id).catch((error: unknown) =>
        log.error('mention_unhandled', { err: error }),
      ),
    );
  });
  client.on(Events.Error, (error) => log.error('client_error', { err: error }));
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(config.token);
  await ready;
  log.info('bot_ready', { user: client.user?.tag, guilds: client.guilds.cache.size, mode: holder.current.mode });
  return {
    client,
    context,
    async stop() {
      stopping = true;
      holder.stop();
      await watch?.close();
      await Promise.allSettled([...inFlight]);
      await client.destroy();
      log.info('bot_stopped');
    },
  };
}

/** Watches the corpus folder: after a quiet period, an incremental ingest as the one writer, then a reload. */
function startWatch(sources: SourceService, debounceMs: number, log: Logger): Promise<CorpusWatch> {
  return watchCorpus({
    corpusDir: sources.settings.corpusDir,
    debounceMs,
    update: async (changed) => {
      const report = await sources.exclusive((build) => build());
      await sources.afterChange();
      log.info('corpus_updated', {
        changed: changed.length,
        files: report.files,
        skipped: report.skipped.length,
        seconds: report.seconds,
      });
    },
    onError: (error) => log.error('corpus_update_failed', { err: error }),
  });
}
