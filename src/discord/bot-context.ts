import type { WatchStatus } from '../sources/corpus-watcher.ts';
import type { SourceService } from '../sources/source-settings.ts';
import type { Cooldown } from './access.ts';
import type { DiscordConfig } from './discord-config.ts';
import type { IndexHolder } from './index-holder.ts';
import type { Logger } from './log.ts';
import type { OnceNotice } from './once-notice.ts';
import type { SessionStore } from './sessions.ts';
import type { WorkQueue } from './work-queue.ts';

/**
 * What every handler gets: the services the composition root (`startBot`) built once. The
 * router hands each interaction a copy whose `log` is a child logger carrying its id.
 */
export interface BotContext {
  config: DiscordConfig;
  holder: IndexHolder;
  sessions: SessionStore;
  cooldown: Cooldown;
  log: Logger;
  /** Passages per answer page when the asker gives no number (RESULTS, at most 10). */
  results: number;
  /** Search warnings, shown with the first answer after start. */
  notice: OnceNotice;
  /** Where answer work waits its turn after the interaction is acknowledged. */
  work: WorkQueue;
  /** Adding and removing sources (null: the bot was started without it). */
  sources: SourceService | null;
  /** The corpus watcher's last update, when WATCH_CORPUS is on. */
  watchStatus: () => WatchStatus | null;
}
