import { loadConfig } from '../config.ts';
import { deployCommands } from '../discord/deploy-commands.ts';
import { loadDiscordConfig } from '../discord/discord-config.ts';
import { createLogger } from '../discord/log.ts';
import { startBot } from '../discord/start-bot.ts';
import { createExclusive } from '../sources/exclusive.ts';
import type { CliIo } from './cli-io.ts';
import { ensureIndex, openModel, openReranker, passageThreadError, runBuild } from './services.ts';

/**
 * `policybot bot` (npm start): runs until SIGINT/SIGTERM, then finishes replies in flight.
 * The embedder and the reranker are loaded here once; the bot loads the index once.
 */
export async function runBot(_argv: string[], io: CliIo): Promise<number> {
  const config = loadConfig(io.env);
  const discord = loadDiscordConfig(io.env);
  const log = createLogger({ stream: io.stderr, secrets: [discord.token] });
  // Rebuilds embed passages on a thread of their own: a forward pass never blocks /ask.
  // Questions are answered while the bot rebuilds: the passage thread leaves them a CPU.
  const model = await openModel(config, { passageThread: true, passageThreadSparesCpu: true });
  const warnings = model.warning ? [model.warning] : [];
  if (model.warning) log.warn('semantic_search_off', { reason: model.warning });
  const threadError = passageThreadError(model.embedder);
  if (threadError) log.warn('passage_thread_off', { reason: threadError });
  await ensureIndex(config, model, (line) => log.info('index_build', { message: line }));
  const reranker = await openReranker(config, (line) => {
    warnings.push(line);
    log.warn('reranking_off', { reason: line });
  });
  const sources = {
    settings: {
      corpusDir: config.corpusDir,
      indexDir: config.indexDir,
      maxBytes: config.ingest.maxFileBytes,
      ...(discord.cdnUrl ? { cdnUrl: discord.cdnUrl } : {}),
      stallMs: 30_000,
      timeoutMs: 10 * 60_000,
      auditLog: discord.sourcesLog,
    },
    exclusive: createExclusive(config.indexDir, (held) => runBuild(config, model.embedder, { held })),
  };
  const bot = await startBot({
    config: discord,
    indexDir: config.indexDir,
    embedder: model.embedder,
    warnings,
    ...(reranker ? { reranker } : {}),
    results: config.results,
    log,
    sources,
  });
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      log.info('shutdown', { signal });
      void bot.stop().then(resolve);
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  return 0;
}

/** `policybot deploy-commands`: registers the slash and context-menu commands. */
export async function runDeployCommands(_argv: string[], io: CliIo): Promise<number> {
  const discord = loadDiscordConfig(io.env);
  const { scope, count } = await deployCommands(discord);
  io.stdout.write(`Registered ${count} commands (${scope}).\n`);
  return 0;
}
